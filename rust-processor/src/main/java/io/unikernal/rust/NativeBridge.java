package io.unikernal.rust;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of {@code libunikernal_native} (rust-processor/native/src/bridge.rs). Handles
 * come first; callers guarantee a handle is live (see {@link NativeObject}). Errors arrive as
 * IllegalArgumentException / IllegalStateException, panics as {@link NativePanicException}.
 */
final class NativeBridge {
    private NativeBridge() {
    }

    static native long tableCreate(byte[] spec);

    static native void tableFree(long handle);

    static native int tableDecide(long handle, byte[] message, int length);

    static native void tableDecideBatch(long handle, ByteBuffer data, ByteBuffer offsets, int count, int[] out);

    static native long execCreate(int threads);

    static native void execFree(long handle);

    static native void execPartition(long handle, ByteBuffer data, ByteBuffer offsets, int count, byte[] key, int partitions, int[] out);

    static native void execValidate(long handle, ByteBuffer data, ByteBuffer offsets, int count, byte[] schema, int[] out);

    static native int execProject(long handle, ByteBuffer data, ByteBuffer offsets, int count, byte[] projection, ByteBuffer out, int[] ends);

    static native int murmur2(byte[] data);

    static native long breakerCreate(int failureRatePercent, int windowSize, long openMicros, int halfOpenCalls);

    static native void breakerFree(long handle);

    static native boolean breakerTryAcquire(long handle, long nowMicros);

    static native void breakerRecord(long handle, long nowMicros, boolean failed);

    static native int breakerState(long handle);

    static native long nowMicros();

    static native void panicForTest();
}
