package io.unikernal.rust;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns one native handle. {@link #close()} frees it exactly once (a second close does nothing);
 * using the object after close throws {@link IllegalStateException} instead of touching freed
 * memory. Closing while another thread is inside a call on the same object is a caller error.
 */
public abstract class NativeObject implements AutoCloseable {
    private final AtomicLong handle;

    protected NativeObject(long handle) {
        if (handle == 0) {
            throw new IllegalStateException("native create returned no handle");
        }
        this.handle = new AtomicLong(handle);
    }

    /** The live handle. */
    protected final long handle() {
        long h = handle.get();
        if (h == 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return h;
    }

    public final boolean isClosed() {
        return handle.get() == 0;
    }

    protected abstract void free(long handle);

    @Override
    public final void close() {
        long h = handle.getAndSet(0);
        if (h != 0) {
            free(h);
        }
    }

    /** The native library's murmur2, for tests against Kafka's. */
    public static int murmur2(byte[] data) {
        NativeLibrary.ensureLoaded();
        return NativeBridge.murmur2(data);
    }

    /** Panics inside the library on purpose; the boundary must turn it into a NativePanicException. */
    public static void panicForTest() {
        NativeLibrary.ensureLoaded();
        NativeBridge.panicForTest();
    }

    /** The library's monotonic microsecond clock. */
    public static long nativeNowMicros() {
        NativeLibrary.ensureLoaded();
        return NativeBridge.nowMicros();
    }
}
