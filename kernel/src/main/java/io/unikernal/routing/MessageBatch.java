package io.unikernal.routing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Messages for one batched call, in two direct buffers the native engine reads in place (no copy
 * per message): {@code data} holds the encoded messages back to back, {@code offsets} holds
 * {@code size() + 1} little-endian int32 offsets into {@code data} (message i is
 * {@code [offsets[i], offsets[i+1])}).
 *
 * <p>One encoded message, little-endian: {@code u32 headerCount, (u32 nameLen, name, u32 valueLen,
 * value) x headerCount, u32 bodyLen, body} (UTF-8 names, values and JSON body). A batch is reused
 * with {@link #clear()}; it is not thread-safe.
 */
public final class MessageBatch {
    private ByteBuffer data;
    private ByteBuffer offsets;
    private int size;

    public MessageBatch(int expectedMessages, int expectedBytes) {
        data = ByteBuffer.allocateDirect(Math.max(64, expectedBytes)).order(ByteOrder.LITTLE_ENDIAN);
        offsets = ByteBuffer.allocateDirect(4 * (Math.max(1, expectedMessages) + 1)).order(ByteOrder.LITTLE_ENDIAN);
        offsets.putInt(0, 0);
    }

    public MessageBatch add(RoutingMessage message) {
        return addEncoded(message.encoded());
    }

    public MessageBatch add(Map<String, String> headers, byte[] jsonBody) {
        return addEncoded(MessageCodec.encode(headers, jsonBody));
    }

    /** Appends bytes as one message without checking their framing (engines check it when they read). */
    public MessageBatch addEncoded(byte[] encoded) {
        int end = endOffset();
        ensureData(end + encoded.length);
        ensureOffsets(size + 2);
        data.put(end, encoded);
        size++;
        offsets.putInt(4 * size, end + encoded.length);
        return this;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The encoded messages; bytes {@code [0, offset(size()))} are in use. */
    public ByteBuffer data() {
        return data;
    }

    /** {@code size() + 1} int32 offsets into {@link #data()}. */
    public ByteBuffer offsets() {
        return offsets;
    }

    public int offset(int i) {
        return offsets.getInt(4 * i);
    }

    public int endOffset() {
        return offsets.getInt(4 * size);
    }

    private void ensureData(int needed) {
        if (needed > data.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(needed, data.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(0, data, 0, endOffset());
            data = bigger;
        }
    }

    private void ensureOffsets(int entries) {
        if (4 * entries > offsets.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(4 * entries, offsets.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(0, offsets, 0, 4 * (size + 1));
            offsets = bigger;
        }
    }
}
