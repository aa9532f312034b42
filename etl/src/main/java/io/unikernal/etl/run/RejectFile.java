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

    private RejectFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the file at the checkpoint's size (created if missing, cut if a crashed batch left more). */
    static RejectFile open(Path file, long size) throws IOException {
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
        return new RejectFile(channel);
    }

    /** One reject: {@code row} the record as read (a list of fields, a map, a line), {@code where} its position. */
    void add(String reason, Object row, String where) throws IOException {
        ObjectNode reject = JSON.createObjectNode();
        reject.put("reason", reason);
        reject.set("row", JSON.valueToTree(plain(row)));
        reject.put("position", where);
        byte[] bytes = (JSON.writeValueAsString(reject) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The record with values JSON has (text, numbers, booleans, lists, maps); any other value as its text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Object[] array) {
            return plain(java.util.Arrays.asList(array));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RejectFile::plain).collect(java.util.stream.Collectors.toList());
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
            return plain;
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
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
