package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A message body (JSON text, bytes, or the maps and lists the normalizer made) as a Jackson tree. */
final class SoapJson {

    private SoapJson() {
    }

    static JsonNode tree(Object body) {
        if (body instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body == null || body instanceof String text && text.isBlank()) {
            return StrictJson.MAPPER.createObjectNode();
        }
        if (body instanceof String text) {
            try {
                return StrictJson.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new MessageRejectedException("the body is no JSON", java.util.List.of());
            }
        }
        return StrictJson.MAPPER.valueToTree(body);
    }
}
