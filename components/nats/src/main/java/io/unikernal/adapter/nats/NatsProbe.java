package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The probe of a NATS system. Until the system's connection is open it tries to open it (one attempt per server,
 * bounded by {@code connectTimeout}): the first success is the connection every route uses from then on, and jnats
 * reconnects it by itself after that. Once open, the system is up while the connection is connected. For a JetStream
 * system it also checks that the server runs JetStream and that the stream exists and captures the system's subject;
 * a missing stream is created when the system allows it (the first success creates it, before any route starts). An
 * existing stream is used as it is — never changed, whatever its storage, limits or other subjects.
 */
public class NatsProbe extends AbstractSystemProbe {

    /** JetStream's error code for a stream that does not exist. */
    static final int STREAM_NOT_FOUND = 10059;

    private NatsSystemConnection connection;
    private String stream;
    private String subject;
    private boolean createStream;
    private String storage = "file";

    public void setConnection(NatsSystemConnection connection) {
        this.connection = connection;
    }

    /** The stream a JetStream system uses; none for a core system. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public void setCreateStream(boolean createStream) {
        this.createStream = createStream;
    }

    public void setStorage(String storage) {
        this.storage = storage;
    }

    @Override
    public ProbeResult check() {
        try {
            connection.connect();
        } catch (IOException | RuntimeException e) {
            return NatsFailures.classify(e, connection.servers(), connection.usesTls());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unavailable("interrupted while connecting to " + connection.servers());
        }
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            String last = connection.getLastError();
            return ProbeResult.unavailable("not connected to " + connection.servers() + " (" + connection.getStatus()
                    .name().toLowerCase(Locale.ROOT) + (last == null || last.isBlank() ? "" : ": " + last) + ")");
        }
        return stream == null ? ProbeResult.up() : checkStream();
    }

    private ProbeResult checkStream() {
        if (!connection.getServerInfo().isJetStreamAvailable()) {
            return ProbeResult.misconfigured("the NATS server at " + connection.getConnectedUrl()
                    + " does not run JetStream", "start nats-server with JetStream (-js), or use the nats adapter");
        }
        try {
            JetStreamManagement streams = connection.jetStreamManagement();
            StreamInfo info;
            try {
                info = streams.getStreamInfo(stream);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                    throw e;
                }
                if (!createStream) {
                    return ProbeResult.misconfigured("stream " + stream + " does not exist",
                            "create it, or let the system create it (createStream: true)");
                }
                info = streams.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                        .storageType("memory".equals(storage) ? StorageType.Memory : StorageType.File).build());
            }
            List<String> captured = info.getConfiguration().getSubjects();
            if (!Subjects.coveredBy(subject, captured)) {
                return ProbeResult.misconfigured("stream " + stream + " does not capture subject " + subject
                        + " (its subjects: " + String.join(", ", captured) + ")",
                        "use a subject the stream captures, or another stream");
            }
            return ProbeResult.up();
        } catch (JetStreamApiException e) {
            return ProbeResult.misconfigured("stream " + stream + ": " + e.getMessage(),
                    "check the system's stream and subject");
        } catch (IOException | RuntimeException e) {
            return NatsFailures.classify(e, connection.servers(), connection.usesTls());
        }
    }
}
