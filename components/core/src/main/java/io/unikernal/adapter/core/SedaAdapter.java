package io.unikernal.adapter.core;

import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import org.apache.camel.ExchangePattern;

/**
 * {@code seda}: an asynchronous in-memory queue between routes (Camel seda). The sender does not wait; a full queue
 * blocks the sender (back-pressure) instead of dropping messages.
 */
public class SedaAdapter extends DirectAdapter {

    static final Option<Integer> CONSUMERS = Option.integer("concurrentConsumers").defaultValue(1).range(1, 1000)
            .description("Threads consuming the queue.");
    static final Option<Integer> SIZE = Option.integer("size").defaultValue(1000).range(1, Integer.MAX_VALUE)
            .description("Queue capacity; a full queue makes senders wait rather than lose messages.");

    private static final AdapterInfo INFO = new AdapterInfo("seda",
            "Asynchronous in-memory queue between routes (Camel seda); full queues apply back-pressure.",
            "io.unikernal:unikernal-components-core");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(NAME, CONSUMERS, SIZE);
    }

    @Override
    protected String uri(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of("seda", ctx.text(system.option(NAME.name()), system.name()))
                .param("size", ctx.text(system, SIZE)).param("blockWhenFull", true).toString();
    }

    @Override
    protected String consumerUri(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of("seda", ctx.text(system.option(NAME.name()), system.name()))
                .param("size", ctx.text(system, SIZE)).param("blockWhenFull", true)
                .param("concurrentConsumers", ctx.text(system, CONSUMERS)).toString();
    }

    @Override
    protected ExchangePattern pattern() {
        return ExchangePattern.InOnly;
    }
}
