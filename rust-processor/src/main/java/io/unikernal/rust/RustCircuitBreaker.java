package io.unikernal.rust;

import io.unikernal.routing.breaker.BreakerConfig;
import io.unikernal.routing.breaker.BreakerState;
import io.unikernal.routing.breaker.CircuitBreakerState;

/** The native circuit-breaker state (lock-free, AtomicU64 in Rust), same transitions as the Java one. */
public final class RustCircuitBreaker extends NativeObject implements CircuitBreakerState {
    public RustCircuitBreaker(BreakerConfig config) {
        super(create(config));
    }

    private static long create(BreakerConfig c) {
        NativeLibrary.ensureLoaded();
        return NativeBridge.breakerCreate(c.failureRatePercent(), c.windowSize(), c.openMicros(), c.halfOpenCalls());
    }

    @Override
    public boolean tryAcquire(long nowMicros) {
        return NativeBridge.breakerTryAcquire(handle(), nowMicros);
    }

    @Override
    public void onSuccess(long nowMicros) {
        NativeBridge.breakerRecord(handle(), nowMicros, false);
    }

    @Override
    public void onFailure(long nowMicros) {
        NativeBridge.breakerRecord(handle(), nowMicros, true);
    }

    @Override
    public BreakerState state() {
        return BreakerState.values()[NativeBridge.breakerState(handle())];
    }

    @Override
    protected void free(long handle) {
        NativeBridge.breakerFree(handle);
    }
}
