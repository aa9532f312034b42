package io.unikernal.translate.mqtt;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * HTTP POST to MQTT publish: {@code POST {path}/<rest>} publishes the request's JSON body, byte for byte, to the topic
 * the target's template derives from {@code <rest>} ({@link TopicTemplate}), at the target's QoS (1 by default) and
 * retained flag; the answer is 202 once the broker acknowledged the publish, 503 when it could not be reached or did
 * not acknowledge, never a silent drop. One route per translation: the HTTP source's endpoint (every path under the
 * translation's), its normaliser, {@link MqttPublishRequest}, the mqtt target's own publish
 * ({@code SectionCompilation.call}: its envelope, correlation data and broker acknowledgement), {@link MqttPublishReply};
 * a failure anywhere is answered by {@link MqttPublishError}.
 */
public class RestToMqtt implements TranslationKind {

    static final ProblemCode NOT_HTTP = HttpExposure.NOT_HTTP;
    static final ProblemCode BAD_TOPIC = new PluginProblemCode("TRANSLATE", 53,
            "a REST to MQTT translation's topic template has an unknown placeholder");

    /** Without a topic the request path is the topic, one segment per level. */
    static final String DEFAULT_TOPIC = "{" + TopicTemplate.PATH + "}";

    private final String adapter;

    /** REST to an MQTT 5 broker (adapter {@code mqtt}). */
    public RestToMqtt() {
        this("mqtt");
    }

    RestToMqtt(String adapter) {
        this.adapter = adapter;
    }

    @Override
    public String protocol() {
        return "rest";
    }

    @Override
    public String targetAdapter() {
        return adapter;
    }

    @Override
    public String description() {
        return "POST {path}/<rest> publishes the JSON body as sent to the topic the target's template derives from"
                + " <rest> ({path}: the segments as levels, {1}, {2}, ...: one segment each; a segment that would be"
                + " empty, a wildcard or split a level is 400), at the target's qos (1 by default) and retain;"
                + " 202 {topic, qos, retained} once the broker acknowledged it, 503 when the broker is unreachable";
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NOT_HTTP, BAD_TOPIC);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        HttpExposure.check(translation, expose, checks, "REST");
        EndpointRef use = targetUse(translation);
        OptionValue topic = use.option("topic");
        String problem = TopicTemplate.problem(String.valueOf(topic.value()));
        if (problem != null) {
            checks.problems().error(BAD_TOPIC, topic.pos(), problem, "write e.g. topic: \"devices/{path}\"");
        }
        checks.useAsTarget(use);
    }

    /** The target as written, its topic the template ({@link #DEFAULT_TOPIC} when none is written). */
    private static EndpointRef targetUse(Translation translation) {
        EndpointRef written = translation.target();
        Map<String, OptionValue> options = new LinkedHashMap<>(written.options());
        options.putIfAbsent("topic", new OptionValue(DEFAULT_TOPIC, written.pos()));
        return new EndpointRef(written.system(), options, written.policy(), written.pos());
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        HttpExposure.Opened opened = HttpExposure.open(translation, expose, ctx,
                uri -> uri.param("matchOnUriPrefix", true), List.of());
        RouteDefinition route = opened.route();
        TryDefinition attempt = opened.attempt();

        EndpointRef written = targetUse(translation);
        String template = String.valueOf(written.option("topic").value());
        String request = ctx.uniqueName(id + "-request");
        ctx.addBean(request, MqttPublishRequest.class, Map.of("topic", template));
        attempt.process(request);
        // the publish names a plain topic in its URI; each message's own is the one MqttPublishRequest derived
        Map<String, OptionValue> options = new LinkedHashMap<>(written.options());
        options.put("topic", new OptionValue(TopicTemplate.plain(template), written.option("topic").pos()));
        compilation.call(id, new EndpointRef(written.system(), options, written.policy(), written.pos()), attempt);
        String qos = ctx.text(written.option("qos"), "1");
        String retain = ctx.text(written.option("retain"), "false");
        String reply = ctx.uniqueName(id + "-reply");
        ctx.addBean(reply, MqttPublishReply.class, Map.of("template", template, "qos", qos, "retain", retain));
        attempt.process(reply);
        String error = ctx.uniqueName(id + "-error");
        ctx.addBean(error, MqttPublishError.class, Map.of("template", template));
        attempt.doCatch(Exception.class).process(error);
        attempt.end();
        HttpExposure.source(expose).denormalizeReply(SystemUse.of(expose, translation.expose()), route, ctx);
        compilation.addRoute(route);
    }
}
