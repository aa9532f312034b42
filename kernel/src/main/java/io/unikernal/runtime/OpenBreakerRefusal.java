package io.unikernal.runtime;

/**
 * Marks the failure of a call that an open circuit breaker refused, so that {@link DeadLetterRecorder} counts it
 * apart (cause {@code breaker_open}) without importing the policy package that throws it.
 */
public interface OpenBreakerRefusal {
}
