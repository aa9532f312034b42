package io.unikernal.runtime;

import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * The media types a JSON ingress reads: {@code application/json} and the {@code application/*+json} family, in
 * UTF-8 (RFC 8259; a {@code charset} other than UTF-8 is refused). A request without a Content-Type is read as JSON
 * (docs/ingress.md); anything else is refused with 415 naming the accepted types.
 */
public final class JsonMediaType {

    public static final String ACCEPTED = "application/json or application/*+json (UTF-8)";

    private JsonMediaType() {
    }

    /** Refuses the exchange's Content-Type unless it is JSON (or absent). */
    public static void check(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE);
        if (header == null) {
            return;
        }
        String type = header instanceof String s ? s : String.valueOf(header);
        if (!isJson(type)) {
            throw new MessageRejectedException(415, "the request body must be JSON",
                    List.of("Content-Type was '" + shorten(type) + "'; accepted: " + ACCEPTED
                            + " (with curl: -H 'Content-Type: application/json')"));
        }
    }

    /** True for application/json and application/*+json, in UTF-8 when a charset is named. */
    public static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";", -1);
        String type = parts[0].strip();
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }
}
