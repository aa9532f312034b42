package io.unikernal.rust;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.exec.BatchExecutor;
import io.unikernal.routing.exec.ProjectedBodies;
import io.unikernal.routing.exec.Projection;
import io.unikernal.routing.exec.ValidationSchema;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The native executor: a fixed pool of Rust threads working on the batch's direct buffers in place. */
public final class RustBatchExecutor extends NativeObject implements BatchExecutor {
    private final int threads;

    public RustBatchExecutor(int threads) {
        super(create(threads));
        this.threads = threads;
    }

    private static long create(int threads) {
        NativeLibrary.ensureLoaded();
        return NativeBridge.execCreate(threads);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void partition(MessageBatch batch, FieldRef key, int partitions, int[] out) {
        NativeBridge.execPartition(handle(), batch.data(), batch.offsets(), batch.size(), encodeKey(key), partitions, out);
    }

    @Override
    public void validate(MessageBatch batch, ValidationSchema schema, int[] out) {
        NativeBridge.execValidate(handle(), batch.data(), batch.offsets(), batch.size(), schema.encode(), out);
    }

    @Override
    public ProjectedBodies project(MessageBatch batch, Projection projection) {
        int n = batch.size();
        long bound = 0;
        for (int i = 0; i < n; i++) {
            bound += projection.maxOutput(batch.offset(i + 1) - batch.offset(i));
        }
        if (bound > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("projection output of " + bound + " bytes is too large for one batch");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) Math.max(1, bound));
        int[] ends = new int[n];
        NativeBridge.execProject(handle(), batch.data(), batch.offsets(), n, projection.encode(), out, ends);
        return new ProjectedBodies(out, ends);
    }

    /** Wire form of a key: u8 source (0 header, 1 body), u32 segments, (u32 len, utf8) x segments. */
    static byte[] encodeKey(FieldRef key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        out.write(key.source() == FieldRef.Source.HEADER ? 0 : 1);
        out.write(s.putInt(0, key.path().size()).array(), 0, 4);
        for (String seg : key.path()) {
            byte[] b = seg.getBytes(StandardCharsets.UTF_8);
            out.write(s.putInt(0, b.length).array(), 0, 4);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    @Override
    protected void free(long handle) {
        NativeBridge.execFree(handle);
    }
}
