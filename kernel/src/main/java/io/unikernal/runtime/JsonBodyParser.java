package io.unikernal.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses a textual JSON body (String, bytes, stream) into a JSON-like value — Map, List or scalar — and leaves an
 * already parsed value alone. An empty body becomes an empty object. Malformed JSON is rejected with its position.
 */
public final class JsonBodyParser implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(parse(exchange, exchange.getMessage().getBody()));
    }

    /**
     * Exchange property holding the message as received — its text, or the parsed payload it arrived as — for
     * dead-letter records. (Camel's own original-message copy costs a copy per exchange; this costs one reference.)
     */
    public static final String RAW_PAYLOAD = "UnikernalRawPayload";

    static Object parse(Exchange exchange, Object body) throws Exception {
        if (body == null) {
            if (exchange.getProperty(RAW_PAYLOAD) == null) {
                exchange.setProperty(RAW_PAYLOAD, "");
            }
            return new LinkedHashMap<String, Object>();
        }
        if (body instanceof Map || body instanceof List || body instanceof Number || body instanceof Boolean) {
            // steps never change a payload in place, so the reference still shows the message as it came
            if (exchange.getProperty(RAW_PAYLOAD) == null) {
                exchange.setProperty(RAW_PAYLOAD, body);
            }
            return body;
        }
        String text;
        if (body instanceof String s) {
            text = s;
        } else if (body instanceof byte[] bytes) {
            text = new String(bytes, StandardCharsets.UTF_8);
        } else if (body instanceof InputStream in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } else {
            text = exchange.getContext().getTypeConverter().mandatoryConvertTo(String.class, exchange, body);
        }
        // streams can be read once: keep the text so a failure later can still report the message as it came
        if (exchange.getProperty(RAW_PAYLOAD) == null) {
            exchange.setProperty(RAW_PAYLOAD, text);
        }
        if (text.isBlank()) {
            return new LinkedHashMap<String, Object>();
        }
        try {
            return Json.MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MessageRejectedException("the body is not valid JSON", List.of(e.getOriginalMessage() + where));
        }
    }
}
