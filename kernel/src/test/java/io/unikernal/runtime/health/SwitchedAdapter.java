package io.unikernal.runtime.health;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * A source and target over a seda queue per system ({@code seda:<system>}) whose system has a {@link SwitchedProbe}:
 * the shape of a broker adapter (a remote source that can be down) without a broker.
 */
final class SwitchedAdapter implements Adapter {

    private static final AdapterInfo INFO = new AdapterInfo("switched",
            "test adapter: seda queues behind a probe the test switches", "test");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of();
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addBean(ctx.systemBean(system) + ".probe", SwitchedProbe.class, Map.of("system", system.name(),
                "adapter", name()));
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new SourceRole() {
            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.REMOTE_SERVER);
            }

            @Override
            public String uri(SystemUse use, CompileContext ctx) {
                return "seda:" + use.systemName();
            }

            @Override
            public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            }
        });
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of((use, block, ctx) -> block.to("seda:" + use.systemName()));
    }
}
