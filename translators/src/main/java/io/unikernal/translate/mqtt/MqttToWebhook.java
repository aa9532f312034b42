package io.unikernal.translate.mqtt;

import io.unikernal.runtime.idempotency.OutboundIdempotencyKey;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKeys;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.PolicySpec;
import io.unikernal.udl.spec.UdlKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.RouteDefinition;

/**
 * MQTT to HTTP webhooks: every message of the exposed topic filter is POSTed to the http-client target's URL, at
 * least once. It compiles to one route, {@code translation-<name>}, through the kernel's route compiler — the mqtt
 * source (its subscription, session and normaliser), the translation's {@code deadLetter} and a retry policy
 * ({@code retry}, default {@link #RETRY}) as a route's — then the webhook call this kind appends: {@link WebhookRequest}
 * and Camel's http producer. The source acknowledges a QoS 1 message when the route finished it: after a 2xx answer,
 * or after the last attempt failed and the message was dead-lettered with the reason.
 */
public final class MqttToWebhook implements TranslationKind {

    static final ProblemCode NOT_MQTT = new PluginProblemCode("TRANSLATE", 51,
            "an MQTT translation is exposed on a system that is not an MQTT broker");
    static final ProblemCode BAD_PATH = new PluginProblemCode("TRANSLATE", 52,
            "a webhook's path template does not fit its topic filter");

    static final Set<String> BROKERS = Set.of("mqtt", "mqtt3");

    /** Five attempts, 0.5 s to 30 s apart: a webhook restarting for a deploy is ridden out in about a minute. */
    static final PolicyDecl.Retry RETRY = new PolicyDecl.Retry(5, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0,
            true, null);
    /** A webhook that does not answer holds the subscription; without a {@code timeout} each call gets this long. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final Option<String> PATH = TranslationKeys.CALL_PATH;
    static final UdlKey RETRY_KEY = UdlKey.of("retry", PolicySpec.RETRY, "A webhook's attempts and back-off (as a"
            + " route's policy.retry); after the last failed attempt the message is dead-lettered. Default: 5"
            + " attempts, 500ms doubling to 30s, with jitter.", "{attempts: 5, initial: 500ms, max: 30s}");

    @Override
    public String protocol() {
        return "mqtt";
    }

    @Override
    public String targetAdapter() {
        return "http-client";
    }

    @Override
    public String description() {
        return "webhooks: every message of the exposed topic filter POSTed to the target's URL (a path template"
                + " with {topic} and {1}, {2}, ... for the wildcards' levels), the topic, QoS and retained flag as"
                + " X-Mqtt-Topic, X-Mqtt-Qos, X-Mqtt-Retained headers, the correlation id as X-Correlation-Id;"
                + " retried with exponential back-off, then dead-lettered with the reason; a QoS 1 message"
                + " acknowledged only after a 2xx answer or the dead letter";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_MQTT, BAD_PATH);
    }

    @Override
    public List<UdlKey> itemKeys() {
        return List.of(RETRY_KEY);
    }

    @Override
    public List<UdlKey> targetKeys() {
        return List.of(PATH.key());
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        if (!BROKERS.contains(expose.adapter())) {
            checks.problems().error(NOT_MQTT, translation.expose().pos(), "system " + expose.name() + " (adapter "
                    + expose.adapter() + ") cannot expose mqtt: an MQTT translation subscribes on a broker",
                    "expose the translation on a system of adapter mqtt or mqtt3");
            return;
        }
        checks.useAsTarget(translation.target());
        if (translation.deadLetter() != null) {
            checks.useAsTarget(translation.deadLetter());
        }
        Optional<StepInput> path = translation.targetInput().get(PATH.name());
        String filter = filter(translation, expose);
        if (path.isPresent() && path.get().text() != null && filter != null) {
            String problem = WebhookPath.problem(path.get().text(), filter);
            if (problem != null) {
                checks.problems().error(BAD_PATH, path.get().pos(), problem, "use {topic} or {1}..{"
                        + Math.max(1, TopicLevels.wildcardCount(filter)) + "} for the filter's wildcards");
            }
        }
    }

    /** The filter subscribed to: the expose's topic, else the system's (the mqtt source checks that one exists). */
    private static String filter(Translation translation, SystemDecl expose) {
        var own = translation.expose().option("topic");
        var fallback = expose.option("topic");
        Object value = own != null ? own.value() : fallback != null ? fallback.value() : null;
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        PolicyDecl.Retry retry = retry(translation.input(), translation.pos());
        PolicyDecl policy = new PolicyDecl(null, null, null, retry, null, null, null, null, translation.pos());
        RouteDefinition route = compilation.route(new RouteDecl(id, null, translation.expose(), List.of(), null,
                translation.deadLetter(), policy, translation.pos()));
        String filter = ctx.text(translation.expose().option("topic"), ctx.text(expose.option("topic"), null));

        ctx.addBean(TranslationMetrics.START_BEAN, TranslationMetrics.class, Map.of());
        route.process(TranslationMetrics.START_BEAN);
        String key = ctx.uniqueName(id + "-idempotency-key");
        ctx.addBean(key, OutboundIdempotencyKey.class, Map.of("call", ctx.document().name() + "/" + key));
        route.process(key);
        String request = ctx.uniqueName(id + "-request");
        Map<String, String> properties = new HashMap<>(Map.of("filter", filter));
        translation.targetInput().get(PATH.name()).map(StepInput::text).ifPresent(p -> properties.put("path", p));
        ctx.addBean(request, WebhookRequest.class, properties);
        route.process(request);
        long timeout = Math.max(1, (translation.timeout() != null ? translation.timeout() : DEFAULT_TIMEOUT).toMillis());
        // a non-2xx answer fails the call (throwExceptionOnFailure), so the route's retry and dead letter take it;
        // the http component's own retries are off (the http-client system turns them off for the app)
        route.to(EndpointUri.from(ctx.text(target.option("url"), null)).param("throwExceptionOnFailure", true)
                .param("connectionRequestTimeout", timeout).param("connectTimeout", timeout)
                .param("responseTimeout", timeout).toString());
        String answered = ctx.uniqueName(id + "-answered");
        ctx.addBean(answered, WebhookAnswered.class, Map.of("filter", filter));
        route.process(answered);
    }

    /** The item's {@code retry}, else {@link #RETRY}; positions at the item. */
    static PolicyDecl.Retry retry(StepInput item, SourcePos pos) {
        Optional<StepInput> written = item.get(RETRY_KEY.name());
        if (written.isEmpty()) {
            return new PolicyDecl.Retry(RETRY.attempts(), RETRY.initial(), RETRY.max(), RETRY.multiplier(),
                    RETRY.jitter(), pos);
        }
        StepInput r = written.get();
        Integer attempts = r.read(PolicySpec.RETRY_ATTEMPTS);
        return new PolicyDecl.Retry(attempts == null ? RETRY.attempts() : attempts, r.read(PolicySpec.RETRY_INITIAL),
                r.read(PolicySpec.RETRY_MAX), r.read(PolicySpec.RETRY_MULTIPLIER), r.read(PolicySpec.RETRY_JITTER),
                r.pos());
    }
}
