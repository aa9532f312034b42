package io.unikernal.runtime;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Sets a request/reply route's answer: the status, the body (a CEL expression over the message) and headers. */
public final class ReplyProcessor implements Processor {

    /** Exchange property listing the headers the reply declared, so protocol writers keep exactly those. */
    public static final String DECLARED_HEADERS = "UnikernalReplyHeaders";

    private ReplySpec spec;
    private volatile Expression body;
    private volatile Map<String, String> headers;

    /** The reply as {@link ReplySpec} JSON (a bean property, so compiled YAML can set it). */
    public void setSpec(String specJson) {
        this.spec = StrictJson.read(specJson, ReplySpec.class);
        this.body = null;
        this.headers = null;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        if (exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
            // processed before (idempotency): acknowledged, not processed again
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setBody(java.util.Map.of("duplicate", true));
            exchange.setProperty(DECLARED_HEADERS, java.util.Set.of());
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, spec.status() == null ? 200 : spec.status());
        if (spec.body() != null) {
            Expression expression = body;
            if (expression == null) {
                expression = CelExpressionsCache.compile(exchange.getContext(), spec.body());
                body = expression;
            }
            message.setBody(expression.evaluate(exchange, Object.class));
        }
        for (Map.Entry<String, String> header : headers(exchange.getContext()).entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        exchange.setProperty(DECLARED_HEADERS, spec.headers().keySet());
    }

    /**
     * The header values with their {@code ${env:NAME:default}} references resolved (once: the environment does not
     * change), as anywhere else in UDL. The checker refuses secret references here; a value that still holds a
     * registered secret is masked, not sent.
     */
    private Map<String, String> headers(org.apache.camel.CamelContext context) {
        Map<String, String> resolved = headers;
        if (resolved == null) {
            resolved = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> header : spec.headers().entrySet()) {
                String value = context.resolvePropertyPlaceholders(
                        io.unikernal.udl.notation.Placeholders.toCamel(header.getValue()));
                resolved.put(header.getKey(), SecretMasker.maskSecrets(value));
            }
            headers = resolved;
        }
        return resolved;
    }

    /** The header names the route's reply declared (empty when none or when the route failed). */
    @SuppressWarnings("unchecked")
    public static java.util.Set<String> declaredHeaders(Exchange exchange) {
        java.util.Set<String> names = exchange.getProperty(DECLARED_HEADERS, java.util.Set.class);
        return names == null ? java.util.Set.of() : names;
    }
}
