package io.unikernal.routing.internal;

import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTable;

/** The pure-Java routing engine: the semantic reference the native engine is tested against. */
public final class JavaRoutingEngine implements RoutingEngine {
    private final RuleTable table;
    private volatile CompiledTable compiled;

    public JavaRoutingEngine(RuleTable table) {
        this.table = table;
        this.compiled = new CompiledTable(table);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public RuleTable table() {
        return table;
    }

    @Override
    public int decide(RoutingMessage message) {
        return open().decide(message.encoded(), message.length());
    }

    @Override
    public void decideBatch(MessageBatch batch, int[] out) {
        open().decideBatch(batch, out);
    }

    private CompiledTable open() {
        CompiledTable c = compiled;
        if (c == null) {
            throw new IllegalStateException("routing engine is closed");
        }
        return c;
    }

    @Override
    public void close() {
        compiled = null;
    }
}
