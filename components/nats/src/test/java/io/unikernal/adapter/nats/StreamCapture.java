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

    /**
     * Everything the stream holds now, in order, read whole each time; what it held at the last complete read while
     * its server is away. A sequence it no longer has is skipped, and a stream whose last sequence went back (the tail
     * a stopped server had not written) is read again from its first: reading on from where the last read ended would
     * then miss what is published after the restart under the reused numbers.
     */
    synchronized List<Received> received() {
        try {
            JetStreamManagement streams = connection.jetStreamManagement();
            var state = streams.getStreamInfo(stream).getStreamState();
            List<Received> now = new ArrayList<>();
            for (long sequence = Math.max(1, state.getFirstSequence()); sequence <= state.getLastSequence();
                    sequence++) {
                MessageInfo message;
                try {
                    message = streams.getMessage(stream, sequence);
                } catch (JetStreamApiException gone) {
                    continue; // deleted or never written
                }
                now.add(NatsWire.received(message.getData(), message.getHeaders()));
            }
            read.clear();
            read.addAll(now);
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
