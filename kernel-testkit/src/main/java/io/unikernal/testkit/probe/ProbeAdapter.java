package io.unikernal.testkit.probe;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code contract-probe}: the contract suite's own system at the other end of the system under test — as a source,
 * an in-process queue the suite feeds (the envelope it sets is kept, as from a sending route); as a target, a
 * recorder of every message ({@link Probes}). Not registered as a service: the suite adds it to the installed
 * adapters, so it never shows in a product's reference or in {@code unikernal validate}.
 */
public final class ProbeAdapter implements Adapter {

    public static final String NAME = "contract-probe";

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "The adapter contract suite's in-process feed and recorder (tests only).",
            "io.unikernal:unikernal-kernel-testkit");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of();
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Feed());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Recorder());
    }

    private static final class Feed implements SourceRole {
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(Channel.queue(NAME, system.name()));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            // a short poll: the app stops without waiting out seda's one-second default
            return Probes.feedUri(ctx.document().name(), use.systemName()) + "?pollTimeout=50";
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.envelope(use.systemName(), route, ctx);
        }
    }

    private static final class Recorder implements TargetRole {
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String bean = ctx.systemBean(use.system());
            ctx.addBean(bean, ProbeRecorder.class, Map.of("key", Probes.key(ctx.document().name(), use.systemName())));
            block.process(bean);
        }
    }
}
