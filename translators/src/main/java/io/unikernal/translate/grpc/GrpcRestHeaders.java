package io.unikernal.translate.grpc;

import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The headers of a translated call, the mirror of the REST to gRPC side's convention ({@code Grpc-Metadata-<key>} ↔
 * {@code <key>}). Out: each of the caller's metadata entries as {@code Grpc-Metadata-<key>} — never as a bare header,
 * so a caller cannot set the REST service's {@code Authorization}, {@code Cookie}, {@code Host} or any header it
 * acts on; the service reads {@code Grpc-Metadata-Authorization} only if it chooses to. Left out: binary
 * ({@code -bin}) entries, gRPC's own ({@code grpc-*}, {@code user-agent}, {@code te}, {@code content-type}), Camel's
 * and the envelope's; the correlation id travels as {@code X-Correlation-Id}. In: the service's
 * {@code Grpc-Metadata-<key>} response headers as reply metadata {@code <key>}, nothing else.
 */
final class GrpcRestHeaders {

    static final String PREFIX = "Grpc-Metadata-";
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private GrpcRestHeaders() {
    }

    /** The HTTP headers the caller's metadata (the exchange's headers) become. */
    static Map<String, String> out(Map<String, Object> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (forwardable(key) && value != null && !name.startsWith("Camel") && !UdmHeaders.isKernelOwned(name)) {
                out.put(PREFIX + key, String.valueOf(value));
            }
        });
        return out;
    }

    /** The reply metadata of the service's response headers: the value of each {@code Grpc-Metadata-<key>}. */
    static Map<String, String> in(Map<String, java.util.List<String>> headers) {
        Map<String, String> in = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String prefix = PREFIX.toLowerCase(Locale.ROOT);
            if (lower.startsWith(prefix) && !values.isEmpty()) {
                String key = lower.substring(prefix.length());
                if (forwardable(key)) {
                    in.put(key, values.get(0));
                }
            }
        });
        return in;
    }

    private static boolean forwardable(String key) {
        return KEY.matcher(key).matches() && !key.endsWith("-bin") && !key.startsWith("grpc-")
                && !key.startsWith("camel") && !key.startsWith("udm") && !key.equals("user-agent")
                && !key.equals("te") && !key.equals("content-type")
                && !key.equals(GrpcDynamicConstants.CORRELATION_ID);
    }
}
