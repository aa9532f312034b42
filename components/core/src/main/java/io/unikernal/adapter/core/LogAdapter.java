package io.unikernal.adapter.core;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/** {@code log}: writes each message to the log (Camel log component); the body is unchanged. */
public final class LogAdapter implements Adapter {

    private static final OptionSpec LEVEL = OptionSpec.of("level", ValueKind.STRING).defaultValue("INFO")
            .allowed("TRACE", "DEBUG", "INFO", "WARN", "ERROR").description("Log level.");
    private static final OptionSpec SHOW_HEADERS = OptionSpec.of("showHeaders", ValueKind.BOOLEAN).defaultValue(false)
            .description("Also log the headers (credential values such as Authorization are masked).");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String description() {
        return "Writes each message to the log (Camel log); the body is unchanged.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-core";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(LEVEL, SHOW_HEADERS);
    }

    @Override
    public boolean canBeSource() {
        return false;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        block.to("log:unikernal." + ctx.document().name() + "." + system.name() + "?level="
                + ctx.systemOption(system, "level") + "&showHeaders=" + ctx.systemOption(system, "showHeaders")
                + "&showExchangePattern=false&showBodyType=false");
    }
}
