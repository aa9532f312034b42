package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.unikernal.testkit.contract.Received;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of the test's own that captures a subject, read back message by message: what a target published reaches
 * it whether or not a subscriber was connected at that moment (a core subscriber that is itself reconnecting after a
 * server restart misses what is published meanwhile — NATS core keeps nothing). Deleted on {@link #close()}; a
 * private server's is left to go with the server ({@link #disconnect()}).
 */
final class StreamCapture implements AutoCloseable {

    private final Connection connection;
    private final String stream;
    private final List<Received> read = new ArrayList<>();
    private long next = 1;

    /** Creates the stream: file storage on a private server (it is restarted), memory on the machine's. */
    StreamCapture(Connection connection, String stream, String subjects, StorageType storage) {
        this.connection = connection;
        this.stream = stream;
        try {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects(subjects)
                    .storageType(storage).build());
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot create stream " + stream, e);
        }
    }

    String stream() {
        return stream;
    }

    /** Everything the stream holds so far, in order; what it held before while its server is away. */
    synchronized List<Received> received() {
        try {
            JetStreamManagement streams = connection.jetStreamManagement();
            long last = streams.getStreamInfo(stream).getStreamState().getLastSequence();
            for (; next <= last; next++) {
                MessageInfo message = streams.getMessage(stream, next);
                read.add(NatsWire.received(message.getData(), message.getHeaders()));
            }
        } catch (IOException | JetStreamApiException | IllegalStateException notNow) {
            // the server is restarting or the client reconnecting: what was read is all there is for now
        }
        return List.copyOf(read);
    }

    /** Leaves the stream as it is (on a private server, which goes with its folder) and closes the client. */
    void disconnect() throws InterruptedException {
        connection.close();
    }

    @Override
    public void close() throws Exception {
        try {
            connection.jetStreamManagement().deleteStream(stream);
        } finally {
            connection.close();
        }
    }
}
