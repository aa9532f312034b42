package io.unikernal.etl.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rows a pipeline could not load, one JSON object a line: {@code reason}, {@code row} (the fields as read),
 * {@code position} ({@code file:line}). Written and forced to disk before their batch commits; a resumed run first
 * cuts the file to the size its checkpoint recorded, so a batch that never committed leaves no rejects behind and
 * every rejected row is in the file exactly once.
 */
final class RejectFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;
    private final String source;

    private RejectFile(FileChannel channel, String source) {
        this.channel = channel;
        this.source = source;
    }

    /** Opens the file at the checkpoint's size (created if missing, cut if a crashed batch left more). */
    static RejectFile open(Path file, long size, Path source) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.size() < size) {
            channel.close();
            throw new PipelineFailure("reject file " + file + " is shorter than its checkpoint says ("
                    + size + " bytes): it was cut or replaced; keep it until the file is loaded");
        }
        channel.truncate(size);
        channel.position(size);
        return new RejectFile(channel, source.toString());
    }

    void add(String reason, List<String> row, long line) throws IOException {
        ObjectNode reject = JSON.createObjectNode();
        reject.put("reason", reason);
        row.forEach(reject.putArray("row")::add);
        reject.put("position", source + ":" + line);
        byte[] bytes = (JSON.writeValueAsString(reject) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Forces what was written to disk and returns the size, for the checkpoint. */
    long sync() throws IOException {
        channel.force(false);
        return channel.position();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
