package io.unikernal.example.extending;

import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.language.ConstantExpression;

/**
 * {@code heartbeats: [{name: alive, every: 30s, to: monitor}]}: a top-level section; each heartbeat sends
 * {@code {"heartbeat": name}} to a declared system at a fixed rate, so a monitor sees the app is up.
 */
public final class HeartbeatsSection implements SectionKind<HeartbeatsSection.Heartbeats> {

    /** The model of the section. */
    public record Heartbeats(List<Heartbeat> beats) {
    }

    public record Heartbeat(String name, Duration every, String to, SourcePos pos) {
    }

    static final ProblemCode NAME_TWICE = new PluginProblemCode("HEARTBEAT", 1, "two heartbeats have the same name");

    static final Option<String> NAME = Option.string("name").required()
            .pattern("[A-Za-z][A-Za-z0-9_-]*", "a name of letters, digits, '-' and '_' that starts with a letter")
            .description("The heartbeat's name; it is the body's heartbeat field and part of its route id.")
            .example("alive");
    static final Option<Duration> EVERY = Option.duration("every").defaultText("1m")
            .description("Time between two heartbeats.").example("30s");
    static final Option<Object> TO = Option.of("to", ValueKind.SYSTEM_REF).required()
            .description("The system that gets the heartbeats.").example("monitor");

    private static final Shape.Struct HEARTBEAT = new Shape.Struct("heartbeat", "heartbeat",
            "One heartbeat: a message sent to a system at a fixed rate.",
            List.of(NAME.key(), EVERY.key(), TO.key()), false);
    private static final UdlKey KEY = UdlKey.of("heartbeats", new Shape.ListOf(HEARTBEAT),
            "Messages sent at a fixed rate to tell a monitor the app is up (the extending example's section).",
            "[{name: alive, every: 30s, to: monitor}]");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Heartbeats> modelType() {
        return Heartbeats.class;
    }

    @Override
    public Heartbeats bind(StepInput input) {
        List<Heartbeat> beats = new ArrayList<>();
        for (StepInput item : input.items()) {
            String name = item.read(NAME);
            String to = item.get(TO.name()).map(StepInput::text).orElse(null);
            if (item.isMap() && name != null && to != null) {
                beats.add(new Heartbeat(name, item.read(EVERY), to, item.pos()));
            }
        }
        return new Heartbeats(List.copyOf(beats));
    }

    @Override
    public void check(Heartbeats section, SectionChecks checks) {
        Map<String, SourcePos> first = new HashMap<>();
        for (Heartbeat beat : section.beats()) {
            SourcePos earlier = first.putIfAbsent(beat.name(), beat.pos());
            if (earlier != null) {
                checks.problems().add(UdlError.error(NAME_TWICE, beat.pos(), "heartbeat '" + beat.name()
                        + "' is declared twice (first on line " + earlier.line() + ")", "give each heartbeat its "
                        + "own name"));
            }
            checks.useAsTarget(new EndpointRef(beat.to(), Map.of(), beat.pos()));
        }
    }

    @Override
    public void compile(Heartbeats section, SectionCompilation compilation) {
        for (Heartbeat beat : section.beats()) {
            String id = "heartbeat-" + beat.name();
            RouteDefinition route = new RouteDefinition();
            route.from(EndpointUri.of("timer", id).param("period", beat.every().toMillis()).toString());
            route.routeId(id);
            route.setBody(new ConstantExpression("{\"heartbeat\": \"" + beat.name() + "\"}"));
            StandardNodes.normalizeJson(id, route, compilation.context());
            compilation.call(id, new EndpointRef(beat.to(), Map.of(), beat.pos()), route);
            compilation.addRoute(route);
        }
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NAME_TWICE);
    }
}
