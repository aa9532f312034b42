package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.MessageRejectedException;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * How a put prepares a stream: one of known length stays a stream (Camel uploads it in parts as it reads it) and may
 * be put once only — a second try would upload what is left of it as if it were whole — while a cached stream may be
 * put again (Camel resets it); one of unknown length becomes a temporary file, deleted when the message is done.
 */
class S3StreamPutOnceTest {

    @Test
    void anUncachedStreamIsPutOnceAndACachedOneAgain() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            S3ObjectPreparer put = new S3ObjectPreparer();
            InputStream stream = new ByteArrayInputStream(new byte[100]);
            Exchange exchange = exchange(context, stream, 100L);
            put.process(exchange);
            assertThat(exchange.getMessage().getBody()).isSameAs(stream);
            assertThat(exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_LENGTH)).isEqualTo(100L);

            exchange.getMessage().setBody(stream);
            exchange.setProperty(S3Headers.KEY_PROPERTY, "a/b.bin");
            assertThatThrownBy(() -> put.process(exchange)).isInstanceOf(MessageRejectedException.class)
                    .hasMessageContaining("already read");

            InputStream cached = new InputStreamCache(new byte[100]);
            Exchange again = exchange(context, cached, 100L);
            put.process(again);
            again.getMessage().setBody(cached);
            again.setProperty(S3Headers.KEY_PROPERTY, "a/b.bin");
            put.process(again);
            assertThat(again.getMessage().getBody()).isSameAs(cached);
        }
    }

    @Test
    void aStreamOfUnknownLengthIsPutFromATemporaryFileDeletedWhenDone() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = exchange(context, new ByteArrayInputStream(new byte[1000]), null);
            new S3ObjectPreparer().process(exchange);
            File file = exchange.getMessage().getBody(File.class);
            assertThat(file).hasSize(1000);
            exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
            assertThat(file).doesNotExist();
        }
    }

    private static Exchange exchange(CamelContext context, InputStream body, Long length) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        exchange.setProperty(S3Headers.KEY_PROPERTY, "a/b.bin");
        if (length != null) {
            exchange.setProperty(S3Headers.LENGTH_PROPERTY, length);
        }
        return exchange;
    }
}
