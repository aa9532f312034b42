package io.unikernal.adapter.core;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;

/** {@code log}: writes each message to the log (Camel log component); the body is unchanged. */
public final class LogAdapter implements Adapter {

    private static final Option<String> LEVEL = Option.string("level").defaultValue("INFO")
            .allowed("TRACE", "DEBUG", "INFO", "WARN", "ERROR").description("Log level.");
    private static final Option<Boolean> SHOW_HEADERS = Option.bool("showHeaders").defaultValue(false)
            .description("Also log the headers (credential values such as Authorization are masked).");

    private static final AdapterInfo INFO = new AdapterInfo("log",
            "Writes each message to the log (Camel log); the body is unchanged.", "io.unikernal:unikernal-components-core");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(LEVEL, SHOW_HEADERS);
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Target());
    }

    private static final class Target implements TargetRole {
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            block.to(EndpointUri.of("log", "unikernal." + ctx.document().name() + "." + use.systemName())
                    .param("level", ctx.text(use.system(), LEVEL))
                    .param("showHeaders", ctx.text(use.system(), SHOW_HEADERS))
                    .param("showExchangePattern", false).param("showBodyType", false).toString());
        }
    }
}
