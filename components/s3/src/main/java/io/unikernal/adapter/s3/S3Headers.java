package io.unikernal.adapter.s3;

import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the UDM envelope travels with an object: as S3 user metadata ({@code x-amz-meta-*}), each envelope header under
 * a lower-case name of its own — S3 keeps metadata names in lower case — with text values. And the names of the
 * headers and exchange properties the adapter's nodes hand each other.
 */
final class S3Headers {

    static final String CORRELATION_ID = "udm-correlation-id";
    static final String SCHEMA = "udm-schema";
    static final String SCHEMA_VERSION = "udm-schema-version";
    static final String SOURCE = "udm-source";
    static final String CREATED_AT = "udm-created-at";
    /** Metadata of an object moved to the failed prefix: why its route failed, and when. */
    static final String FAILURE = "unikernal-failure";
    static final String FAILED_AT = "unikernal-failed-at";

    /** Header a consumed or fetched object's key is in, for the route's expressions ({@code headers.S3Key}). */
    static final String KEY_HEADER = "S3Key";
    /** Exchange property: the key a target's {@code key} expression computed. */
    static final String KEY_PROPERTY = "UnikernalS3Key";
    /** Exchange property: the payload a put or delete keeps while Camel's producer works on the body. */
    static final String PAYLOAD_PROPERTY = "UnikernalS3Payload";
    /** Exchange properties: the length and type of a streamed object's content, for a put of the stream. */
    static final String LENGTH_PROPERTY = "UnikernalS3ContentLength";
    static final String TYPE_PROPERTY = "UnikernalS3ContentType";
    /** The uncached stream a put has read, so a second try of that put fails rather than sends its rest. */
    static final String SENT_STREAM_PROPERTY = "UnikernalS3SentStream";

    private static final Map<String, String> ENVELOPE = Map.of(UdmHeaders.CORRELATION_ID, CORRELATION_ID,
            UdmHeaders.SCHEMA, SCHEMA, UdmHeaders.SCHEMA_VERSION, SCHEMA_VERSION, UdmHeaders.SOURCE, SOURCE,
            UdmHeaders.CREATED_AT, CREATED_AT);

    private S3Headers() {
    }

    /** The user metadata of an object written from a message with these headers: its envelope, nothing else. */
    static Map<String, String> metadata(Map<String, Object> headers) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ENVELOPE.forEach((header, name) -> {
            Object value = headers.get(header);
            if (value != null) {
                metadata.put(name, ascii(String.valueOf(value), 256));
            }
        });
        return metadata;
    }

    /** Text S3 keeps in a metadata value: printable ASCII, at most {@code max} characters. */
    static String ascii(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
