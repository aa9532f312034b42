package io.unikernal.spi.adapter;

import io.unikernal.udl.model.SystemDecl;

/** A system that keeps pipeline checkpoints: how far a pipeline has read its source (a cursor, an offset). */
public interface CheckpointStoreRole {

    /**
     * Declares the beans of a {@link io.unikernal.runtime.checkpoint.CheckpointStore} kept in this system (model beans
     * only) and returns its bean name. {@code namespace} ({@code app/pipeline}) keeps one pipeline's checkpoints apart
     * from every other's in the same store.
     */
    String checkpointStore(SystemDecl system, String namespace, CompileContext ctx);
}
