package io.unikernal.adapter.serial;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PtyPair;
import io.unikernal.testkit.server.RestartableServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;

/**
 * The far end of a serial line in a test: a {@link PtyPair} whose end {@code a} the app's system opens, while the test
 * holds end {@code b} open (plain file I/O on the pseudo-terminal, not jSerialComm, so the adapter is not tested
 * against itself). It writes lines into {@code b} ({@link #send}, {@link #write}) and collects the lines that arrive
 * there ({@link #lines}, decoded as JSON by {@link #received}). Its {@link #server()} is the pair: stopping kills socat
 * (the device goes away), starting makes a new pair behind the same paths and opens {@code b} again.
 */
final class PtyPeer implements SourcePeer, TargetPeer {

    private final PtyPair pair;
    private final String options;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Two channels on the end: a FileChannel's blocking read holds the lock a write on the same channel needs. */
    private FileChannel writing;
    private FileChannel reading;
    private Thread reader;

    /** A new pair; {@code options} are more entries of the system's flow map, e.g. {@code , framing: fixed}. */
    PtyPeer(String options) {
        this.pair = PtyPair.launch();
        this.options = options;
        open();
    }

    PtyPeer() {
        this("");
    }

    PtyPair pair() {
        return pair;
    }

    @Override
    public String system() {
        return "{adapter: serial, port: " + pair.a() + options + "}";
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) throws IOException {
        write(message.json() + "\n");
        return null;
    }

    /** Writes {@code text} as it is into the peer's end. */
    synchronized void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    synchronized void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            writing.write(buffer);
        }
    }

    /** The lines that arrived at the peer's end so far, without their newline. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every byte that arrived at the peer's end so far, as text (for fixed frames, which end in no newline). */
    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public List<Received> received() {
        return lines.stream().map(line -> Received.body(StrictJson.read(line, Object.class))).toList();
    }

    @Override
    public Optional<RestartableServer> server() {
        return Optional.of(new RestartableServer() {
            @Override
            public void stop() {
                closeEnd();
                pair.stop();
            }

            @Override
            public void start() {
                pair.start();
                open();
            }
        });
    }

    private synchronized void open() {
        try {
            writing = FileChannel.open(pair.b(), StandardOpenOption.WRITE);
            reading = FileChannel.open(pair.b(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + pair.b() + ": " + e.getMessage(), e);
        }
        FileChannel channel = reading;
        reader = new Thread(() -> read(channel), "pty-peer " + pair.b());
        reader.setDaemon(true);
        reader.start();
    }

    /** Collects lines until the channel is closed or the pair is gone. */
    private void read(FileChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    synchronized (bytes) {
                        bytes.write(b);
                    }
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (IOException closedOrGone) {
            // the peer closed its end, or socat was stopped: the pair's start opens a new reader
        }
    }

    private synchronized void closeEnd() {
        try {
            if (writing != null) {
                writing.close();
            }
            if (reading != null) {
                reading.close();
            }
            if (reader != null) {
                reader.join(10_000);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot close " + pair.b(), e);
        } finally {
            writing = null;
            reading = null;
            reader = null;
        }
    }

    @Override
    public void close() {
        closeEnd();
        pair.close();
    }
}
