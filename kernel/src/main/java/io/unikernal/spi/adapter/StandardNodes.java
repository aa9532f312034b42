package io.unikernal.spi.adapter;

import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.runtime.JsonBodyParser;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/** Nodes several adapters share; each is a named bean so it dumps to YAML. */
public final class StandardNodes {

    private StandardNodes() {
    }

    /** Parses a JSON body and sets the UDM envelope headers with {@code system} as the source. */
    public static void normalizeJson(String system, ProcessorDefinition<?> block, CompileContext ctx) {
        String name = "normalize-" + system;
        ctx.addBean(name, JsonBodyNormalizer.class, List.of(system), Map.of());
        block.process(name);
    }

    /**
     * As {@link #normalizeJson}, for sources that say what their body is (HTTP): a Content-Type that is not JSON is
     * refused with 415 before the body is read.
     */
    public static void normalizeJsonMediaType(String system, ProcessorDefinition<?> block, CompileContext ctx) {
        String name = "normalize-" + system;
        ctx.addBean(name, JsonBodyNormalizer.class, List.of(system), Map.of("jsonMediaTypeOnly", "true"));
        block.process(name);
    }

    /**
     * Sets the UDM envelope for sources whose bodies already are payloads (direct, seda, timer): a route policy,
     * not a node, because a node's per-message overhead is larger than the work.
     */
    public static void envelope(String system, ProcessorDefinition<?> route, CompileContext ctx) {
        if (!(route instanceof org.apache.camel.model.RouteDefinition definition)) {
            throw new IllegalArgumentException("the envelope policy applies to a route, not to " + route);
        }
        String name = "envelope-" + system;
        ctx.addBean(name, io.unikernal.runtime.UdmEnvelopePolicy.class, Map.of("source", system));
        definition.routePolicyRef(name);
    }

    /** Parses a JSON body (e.g. a target's response) without touching the envelope. */
    public static void parseJson(ProcessorDefinition<?> block, CompileContext ctx) {
        ctx.addBean("parse-json", JsonBodyParser.class, Map.of());
        block.process("parse-json");
    }
}
