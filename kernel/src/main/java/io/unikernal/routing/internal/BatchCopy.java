package io.unikernal.routing.internal;

import io.unikernal.routing.MessageBatch;

/** Copies a batch's direct buffer into the thread's scratch array (see {@link Slots#batchCopy}). */
public final class BatchCopy {
    private BatchCopy() {
    }

    /** The batch's data as an array of exactly the bytes in use, or longer; valid until the next call on this thread. */
    public static byte[] of(MessageBatch batch, Slots slots) {
        int used = batch.endOffset();
        byte[] copy = slots.batchCopy(used);
        batch.data().get(0, copy, 0, used);
        return copy;
    }

    /** A fresh array with the batch's data, for work shared between threads. */
    public static byte[] shared(MessageBatch batch) {
        byte[] copy = new byte[batch.endOffset()];
        batch.data().get(0, copy, 0, copy.length);
        return copy;
    }
}
