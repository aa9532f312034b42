package io.unikernal.routing.exec;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;

/**
 * CPU-bound work over a batch on a fixed pool of threads. Implemented in Java
 * ({@link JavaBatchExecutor}) and in Rust ({@code io.unikernal.rust.RustBatchExecutor}) with the
 * same results.
 */
public interface BatchExecutor extends AutoCloseable {
    /**
     * Kafka's default partition of each message's key text: {@code (murmur2(key) & 0x7fffffff) % partitions};
     * {@code -1} when the key field has no text, {@code -2} when a body key meets a malformed body.
     */
    void partition(MessageBatch batch, FieldRef key, int partitions, int[] out);

    /** Projects each body (see {@link Projection}). */
    ProjectedBodies project(MessageBatch batch, Projection projection);

    /** Validates each body (codes in {@link ValidationSchema}). */
    void validate(MessageBatch batch, ValidationSchema schema, int[] out);

    int threads();

    @Override
    void close();
}
