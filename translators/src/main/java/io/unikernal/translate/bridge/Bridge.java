package io.unikernal.translate.bridge;

import io.unikernal.runtime.CarriedHeaders;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.AdapterPairKind;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * A bridge between two brokers: what the exposed system's source delivers is published by the target system's
 * target, at least once. It compiles to one ordinary route ({@code translation-<name>}: from the source, to the
 * target, the translation's {@code deadLetter} as the route's), so the adapters' own source and target roles do the
 * work — the source commits or acks only after the route finished the message, that is after the target confirmed
 * it — and the kernel's failure handling dead-letters what the target refuses, with the reason.
 */
abstract class Bridge extends AdapterPairKind {

    static final ProblemCode WRONG_SOURCE = new PluginProblemCode("TRANSLATE", 4,
            "a bridge is exposed on a system of another adapter than its protocol's");
    static final ProblemCode RESERVED_HEADER = new PluginProblemCode("BRIDGE", 1,
            "a bridge's carryHeaders names a header the kernel or the protocol owns, or no header name");

    /** Header names a bridge may carry: letters, digits, '_', '.', '-'; not a reserved one. */
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    static final Option<Object> CARRY_HEADERS = Option.of("carryHeaders", io.unikernal.udl.spec.ValueKind.STRING_LIST)
            .description("A bridge's allow-list of headers carried as they are: Kafka record headers <-> AMQP headers"
                    + " of these names (none when absent). The envelope's, Camel's, kafka.* and content-type are"
                    + " reserved: the correlation id, the UDM envelope and the content type are carried anyway.")
            .example("[tenant, traceparent]");

    /**
     * A failed publish (a broker away, a nack, a confirm that did not come) is tried again for about a minute before
     * it is dead-lettered: the source holds the message meanwhile (no commit, no ack), so a broker restart is ridden
     * out. 30 attempts fit Kafka's default max.poll.interval (5 min) with the default batch of records.
     */
    static final PolicyDecl.Retry RETRY = new PolicyDecl.Retry(30, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0,
            true, null);

    Bridge(String protocol, String sourceAdapter, String targetAdapter) {
        super(protocol, sourceAdapter, targetAdapter);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(WRONG_SOURCE, RESERVED_HEADER);
    }

    @Override
    public List<UdlKey> itemKeys() {
        return List.of(CARRY_HEADERS.key());
    }

    /** The allow-list as written, with where each name is. */
    private static List<io.unikernal.spi.step.StepInput> carried(Translation translation) {
        return translation.input().get(CARRY_HEADERS.name()).map(io.unikernal.spi.step.StepInput::items)
                .orElse(List.of());
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        exposedOnItsAdapter(translation, expose, checks, WRONG_SOURCE, "bridge", "consumes from");
        for (io.unikernal.spi.step.StepInput name : carried(translation)) {
            String text = name.text();
            if (text == null || !HEADER_NAME.matcher(text).matches() || CarriedHeaders.isReserved(text)) {
                checks.problems().error(RESERVED_HEADER, name.pos(), "carryHeaders: '" + text + "' cannot be"
                        + " carried: " + (text != null && CarriedHeaders.isReserved(text) ? "the kernel or the"
                        + " protocol sets it (the correlation id, the UDM envelope and the content type are carried"
                        + " anyway)" : "a header name is letters, digits, '_', '.' and '-'"), "drop it from"
                        + " carryHeaders");
            }
        }
        checks.useAsTarget(targetUse(translation));
        if (translation.deadLetter() != null) {
            checks.useAsTarget(translation.deadLetter());
        }
    }

    /** The target use as published to: the translation's, plus what the direction carries over (e.g. the key). */
    EndpointRef target(EndpointRef written) {
        return written;
    }

    /**
     * Options of the target adapter's own a bridge of this direction lets the file set on {@code target:} (beyond the
     * section's queue, exchange and routing key); passed to the adapter as written, which checks them.
     */
    List<Option<?>> targetOptions() {
        return List.of();
    }

    /** Keys of the direction's own on {@code target:}, not passed to the adapter. */
    List<UdlKey> ownTargetKeys() {
        return List.of();
    }

    @Override
    public final List<UdlKey> targetKeys() {
        List<UdlKey> keys = new java.util.ArrayList<>(targetOptions().stream().<UdlKey>map(Option::key).toList());
        keys.addAll(ownTargetKeys());
        return List.copyOf(keys);
    }

    /** What the carrier does beyond the content type and the allow-list (Kafka to RabbitMQ: the routing key). */
    void carry(Translation translation, Map<String, String> properties) {
    }

    /** The topic or queue consumed, as the file names it: the bridge's metric's method. */
    abstract String consumed(Translation translation, SystemDecl expose);

    /** The target use with the direction's own target options written on the item, at their places. */
    final EndpointRef targetUse(Translation translation) {
        EndpointRef written = translation.target();
        Map<String, OptionValue> options = new LinkedHashMap<>(written.options());
        for (Option<?> option : targetOptions()) {
            translation.targetInput().get(option.name()).ifPresent(value -> options.put(option.name(),
                    new OptionValue(value.text(), value.pos())));
        }
        return new EndpointRef(written.system(), options, written.policy(), written.pos());
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        PolicyDecl policy = new PolicyDecl(null, null, null, new PolicyDecl.Retry(RETRY.attempts(), RETRY.initial(),
                RETRY.max(), RETRY.multiplier(), RETRY.jitter(), translation.pos()), null, null, null, null,
                translation.pos());
        String id = "translation-" + translation.name();
        RouteDefinition route = compilation.route(new RouteDecl(id, null, translation.expose(),
                List.of(new Step.To(List.of(target(targetUse(translation))), translation.target().pos())), null,
                translation.deadLetter(), policy, translation.pos()));
        CompileContext ctx = compilation.context();
        Map<String, String> carry = new LinkedHashMap<>();
        carry.put("source", protocol());
        carry.put("headers", String.join(",", carried(translation).stream().map(io.unikernal.spi.step.StepInput::text)
                .filter(java.util.Objects::nonNull).toList()));
        carry(translation, carry);
        ctx.addBean(id + "-carry", BridgeCarry.class, carry);
        beforeNormalizer(route, "normalize-" + expose.name(), id + "-carry");
        ctx.addBean(id + "-metrics", BridgeMetrics.class, Map.of("method", consumed(translation, expose),
                "deadLetter", String.valueOf(translation.deadLetter() != null)));
        String existing = route.getRoutePolicyRef();
        // Camel reads a comma-separated list of route policy references
        route.routePolicyRef(existing == null ? id + "-metrics" : existing + "," + id + "-metrics");
        inBatches(route, id, compilation);
    }

    /** Lets a direction consume in batches around the record route (Kafka to RabbitMQ); as compiled by default. */
    void inBatches(RouteDefinition records, String id, SectionCompilation compilation) {
    }

    /** The carrier reads the message as delivered (its content type decides whether the normalizer parses it). */
    private static void beforeNormalizer(RouteDefinition route, String normalizer, String bean) {
        List<ProcessorDefinition<?>> outputs = route.getOutputs();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof ProcessDefinition process && normalizer.equals(process.getRef())) {
                ProcessDefinition carry = new ProcessDefinition();
                carry.setRef(bean);
                carry.setParent(route);
                outputs.add(i, carry);
                return;
            }
        }
        throw new IllegalStateException("the bridge's route has no node " + normalizer + " to carry headers before");
    }
}
