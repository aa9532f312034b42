package io.unikernal.runtime.health;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/**
 * A source and target over a seda queue per system ({@code seda:<system>}) whose system has a {@link SwitchedProbe}:
 * the shape of a broker adapter (a remote source that can be down) without a broker.
 */
final class SwitchedAdapter implements Adapter {

    @Override
    public String name() {
        return "switched";
    }

    @Override
    public String description() {
        return "test adapter: seda queues behind a probe the test switches";
    }

    @Override
    public String artifact() {
        return "test";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of();
    }

    @Override
    public boolean canBeSource() {
        return true;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addBean(ctx.systemBean(system) + ".probe", SwitchedProbe.class, Map.of("system", system.name(),
                "adapter", name()));
    }

    @Override
    public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        return "seda:" + system.name();
    }

    @Override
    public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        block.to("seda:" + system.name());
    }
}
