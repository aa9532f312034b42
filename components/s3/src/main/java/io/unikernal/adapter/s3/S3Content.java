package io.unikernal.adapter.s3;

import io.unikernal.runtime.MessageRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.camel.util.IOHelper;

/** Reading an object's content as JSON text: bounded, so an object too large for a message fails it instead. */
final class S3Content {

    private S3Content() {
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
