package io.unikernal.routing;

/** The call shape {@code engine: auto} optimises for: one message per call, or batches. */
public enum Workload { SINGLE, BATCH }
