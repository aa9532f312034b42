package io.unikernal.adapter.grpc.component;

import io.grpc.Metadata;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * gRPC metadata as Camel headers and back, through the endpoint's header filter. Only ASCII metadata cross: binary
 * keys ({@code -bin}) are skipped, and so are the keys gRPC and HTTP/2 reserve ({@code grpc-*}, {@code content-type},
 * {@code te}, {@code user-agent}, ...), which grpc-java sets itself. A header whose name is not a valid metadata key
 * (lower-case letters, digits, {@code _ . -}; names are lower-cased) or whose value is not printable ASCII is not sent.
 */
final class MetadataHeaders {

    private static final Set<String> RESERVED = Set.of("content-type", "te", "user-agent", "host", "connection",
            "transfer-encoding", "accept-encoding", "content-length");

    private MetadataHeaders() {
    }

    static boolean reserved(String key) {
        return key.startsWith("grpc-") || key.startsWith(":") || RESERVED.contains(key)
                || key.endsWith(Metadata.BINARY_HEADER_SUFFIX);
    }

    /** Copies the metadata the filter lets in onto the message's headers (repeated keys joined with ", "). */
    static void toHeaders(Metadata metadata, Message message, HeaderFilterStrategy filter, Exchange exchange) {
        if (metadata == null) {
            return;
        }
        for (String key : metadata.keys()) {
            if (reserved(key)) {
                continue;
            }
            Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
            if (values == null) {
                continue;
            }
            String value = String.join(", ", values);
            if (!filter.applyFilterToExternalHeaders(key, value, exchange)) {
                message.setHeader(key, value);
            }
        }
    }

    /** The metadata of the headers the filter lets out. */
    static Metadata fromHeaders(Map<String, Object> headers, HeaderFilterStrategy filter, Exchange exchange) {
        Metadata metadata = new Metadata();
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            Object value = header.getValue();
            if (value == null || filter.applyFilterToCamelHeaders(header.getKey(), value, exchange)) {
                continue;
            }
            put(metadata, header.getKey(), String.valueOf(value));
        }
        return metadata;
    }

    /** Adds one entry if the key and value can travel as ASCII metadata; false when they cannot. */
    static boolean put(Metadata metadata, String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (reserved(key) || !validKey(key) || !printable(value)) {
            return false;
        }
        metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
        return true;
    }

    private static boolean validKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
