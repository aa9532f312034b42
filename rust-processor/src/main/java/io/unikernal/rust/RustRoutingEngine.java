package io.unikernal.rust;

import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableCodec;

/** The native routing engine: the table lives in Rust; batches are read in place from direct buffers. */
public final class RustRoutingEngine extends NativeObject implements RoutingEngine {
    private final RuleTable table;

    public RustRoutingEngine(RuleTable table) {
        super(create(table));
        this.table = table;
    }

    private static long create(RuleTable table) {
        NativeLibrary.ensureLoaded();
        return NativeBridge.tableCreate(RuleTableCodec.encode(table));
    }

    /** Loads a table from its wire form as is, so tests can feed the native decoder malformed specs. */
    public static RustRoutingEngine fromSpec(byte[] spec, RuleTable describedAs) {
        NativeLibrary.ensureLoaded();
        return new RustRoutingEngine(NativeBridge.tableCreate(spec), describedAs);
    }

    private RustRoutingEngine(long handle, RuleTable table) {
        super(handle);
        this.table = table;
    }

    @Override
    public String name() {
        return "rust";
    }

    @Override
    public RuleTable table() {
        return table;
    }

    @Override
    public int decide(RoutingMessage message) {
        return NativeBridge.tableDecide(handle(), message.encoded(), message.length());
    }

    @Override
    public void decideBatch(MessageBatch batch, int[] out) {
        if (out.length < batch.size()) {
            throw new IllegalArgumentException("output array has " + out.length + " slots for " + batch.size() + " messages");
        }
        NativeBridge.tableDecideBatch(handle(), batch.data(), batch.offsets(), batch.size(), out);
    }

    @Override
    protected void free(long handle) {
        NativeBridge.tableFree(handle);
    }
}
