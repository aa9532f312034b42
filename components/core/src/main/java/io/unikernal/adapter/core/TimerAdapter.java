package io.unikernal.adapter.core;

import io.unikernal.runtime.StrictJson;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/** {@code timer}: starts a route periodically (Camel timer) with a fixed JSON body. */
public final class TimerAdapter implements Adapter {

    private static final Option<java.time.Duration> PERIOD = Option.duration("period")
            .defaultValue(java.time.Duration.ofSeconds(1)).description("Time between two messages.").example("500ms");
    private static final Option<Long> REPEAT = Option.longInteger("repeatCount").defaultValue(0L)
            .range(0, Long.MAX_VALUE).description("How many messages to emit; 0 means no limit.");
    private static final Option<Object> BODY = Option.of("body", ValueKind.ANY)
            .description("The JSON body of every message; an empty object when absent.").example("{ping: true}");

    private static final AdapterInfo INFO = new AdapterInfo("timer",
            "Starts a route periodically (Camel timer) with a fixed JSON body.", "io.unikernal:unikernal-components-core");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(PERIOD, REPEAT, BODY);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Source());
    }

    /** Each timer system fires on its own: no channel to share or clash. */
    private static final class Source implements SourceRole {
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.SCHEDULED);
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            // Camel's timer takes durations in its own syntax (500ms, 2s, 5m, 1h), the same as UDL's
            return EndpointUri.of("timer", use.systemName()).param("period", ctx.text(use.system(), PERIOD))
                    .param("repeatCount", ctx.text(use.system(), REPEAT)).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            Object body = BODY.of(use.system());
            if (body != null) {
                route.setBody(new org.apache.camel.model.language.ConstantExpression(StrictJson.write(body)));
            }
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }
}
