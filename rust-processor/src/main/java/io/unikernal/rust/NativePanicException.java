package io.unikernal.rust;

/** A panic inside the native library, caught at the JNI boundary instead of crashing the JVM. */
public final class NativePanicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativePanicException(String message) {
        super(message);
    }
}
