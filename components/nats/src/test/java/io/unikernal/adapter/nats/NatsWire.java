package io.unikernal.adapter.nats;

import io.nats.client.impl.Headers;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the test peers write and read NATS messages: a JSON body, the envelope in headers. */
final class NatsWire {

    private NatsWire() {
    }

    /** The headers a sender puts on a message: its correlation id, as an HTTP caller would. */
    static Headers headers(ContractMessage message) {
        Headers headers = new Headers();
        headers.put(NatsHeaderFilter.CORRELATION_ID, message.correlationId());
        return headers;
    }

    static byte[] body(ContractMessage message) {
        return message.json().getBytes(StandardCharsets.UTF_8);
    }

    /** A message as a peer got it: the JSON body, the envelope from the headers, every header by its first value. */
    static Received received(byte[] data, Headers headers) {
        Map<String, String> all = new LinkedHashMap<>();
        if (headers != null) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                all.put(entry.getKey(), entry.getValue().isEmpty() ? "" : entry.getValue().get(0));
            }
        }
        Object body = data == null || data.length == 0 ? null
                : StrictJson.read(new String(data, StandardCharsets.UTF_8), Object.class);
        return new Received(body, all.get(NatsHeaderFilter.CORRELATION_ID), all.get("UdmSchema"),
                all.get("UdmSchemaVersion"), all);
    }
}
