package io.unikernal.adapter.core;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.adapter.StandardNodes;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/** {@code timer}: starts a route periodically (Camel timer) with a fixed JSON body. */
public final class TimerAdapter implements Adapter {

    private static final OptionSpec PERIOD = OptionSpec.of("period", ValueKind.DURATION).defaultValue("1s")
            .description("Time between two messages.").example("500ms");
    private static final OptionSpec REPEAT = OptionSpec.of("repeatCount", ValueKind.INTEGER).defaultValue(0)
            .description("How many messages to emit; 0 means no limit.");
    private static final OptionSpec BODY = OptionSpec.of("body", ValueKind.ANY)
            .description("The JSON body of every message; an empty object when absent.").example("{ping: true}");

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public String description() {
        return "Starts a route periodically (Camel timer) with a fixed JSON body.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-core";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(PERIOD, REPEAT, BODY);
    }

    @Override
    public boolean canBeSource() {
        return true;
    }

    @Override
    public boolean canBeTarget() {
        return false;
    }

    @Override
    public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        // Camel's timer takes durations in its own syntax (500ms, 2s, 5m, 1h), the same as UDL's
        return "timer:" + system.name() + "?period=" + ctx.systemOption(system, "period")
                + "&repeatCount=" + ctx.systemOption(system, "repeatCount");
    }

    @Override
    public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
        Object body = system.option("body") == null ? null : system.option("body").value();
        if (body != null) {
            route.setBody(new org.apache.camel.model.language.ConstantExpression(StrictJson.write(body)));
        }
        StandardNodes.normalizeJson(system.name(), route, ctx);
    }

}
