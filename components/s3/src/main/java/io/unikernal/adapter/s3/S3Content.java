package io.unikernal.adapter.s3;

import io.unikernal.runtime.CsvRows;
import io.unikernal.runtime.JsonBodyParser;
import io.unikernal.runtime.MessageRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.util.IOHelper;

/** Reading an object's content as JSON or CSV: bounded, so an object too large for a message fails it instead. */
final class S3Content {

    private S3Content() {
    }

    /**
     * The content of {@code body} read with {@code format}: {@code csv}, its rows ({@link CsvRows}); else the bytes
     * of JSON text ({@link #readJsonBytes}), parsed by the caller. The text of a CSV object a source read is kept on the
     * exchange as the message as received, for a dead-letter record (after a get, that stays the message before it).
     */
    static Object read(Exchange exchange, Object body, boolean csv, long max, String key) throws IOException {
        Object bytes = readJsonBytes(body, max, key);
        if (!csv) {
            return bytes;
        }
        String text = bytes instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(bytes);
        if (exchange.getProperty(JsonBodyParser.RAW_PAYLOAD) == null) {
            exchange.setProperty(JsonBodyParser.RAW_PAYLOAD, text);
        }
        return CsvRows.read(text, "object " + key);
    }

    /** The content of {@code body} (a stream, bytes or text) as bytes, at most {@code max}; the stream is closed. */
    static Object readJsonBytes(Object body, long max, String key) throws IOException {
        if (!(body instanceof InputStream content)) {
            return body;
        }
        try {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new MessageRejectedException("object " + key + " is larger than maxJsonBytes (" + max
                        + " bytes): read it with format: raw", List.of());
            }
            return bytes;
        } finally {
            IOHelper.close(content);
        }
    }
}
