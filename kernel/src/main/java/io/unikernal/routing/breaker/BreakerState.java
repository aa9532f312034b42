package io.unikernal.routing.breaker;

/** The three states of a circuit breaker; the ordinal is the wire code shared with the native one. */
public enum BreakerState { CLOSED, OPEN, HALF_OPEN }
