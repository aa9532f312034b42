package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

/** The servers the tests use and names unique to a run (the machine's server keeps state between runs). */
final class NatsTestServers {

    /** The machine's NATS with JetStream. */
    static final String MACHINE = "nats://127.0.0.1:4222";

    private NatsTestServers() {
    }

    /** {@code PREFIX_abcd1234}: a stream name, and with '.' suffixes the subjects of one test. */
    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /**
     * A test's own client: reconnects for ever, fails a publish at once while disconnected (no reconnect buffer) and
     * reports a request no one takes as such, as the adapter's connection does.
     */
    static Connection connect(String servers) {
        Options options = new Options.Builder().server(servers).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(200)).reconnectBufferSize(0).reportNoResponders()
                .errorListener(new io.nats.client.ErrorListener() {
                }).build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + servers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + servers, e);
        }
    }
}
