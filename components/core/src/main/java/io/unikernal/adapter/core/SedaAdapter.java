package io.unikernal.adapter.core;

import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import org.apache.camel.ExchangePattern;

/**
 * {@code seda}: an asynchronous in-memory queue between routes (Camel seda). The sender does not wait; a full queue
 * blocks the sender (back-pressure) instead of dropping messages.
 */
public class SedaAdapter extends DirectAdapter {

    static final OptionSpec CONSUMERS = OptionSpec.of("concurrentConsumers", ValueKind.INTEGER).defaultValue(1)
            .description("Threads consuming the queue.");
    static final OptionSpec SIZE = OptionSpec.of("size", ValueKind.INTEGER).defaultValue(1000)
            .description("Queue capacity; a full queue makes senders wait rather than lose messages.");

    @Override
    public String name() {
        return "seda";
    }

    @Override
    public String description() {
        return "Asynchronous in-memory queue between routes (Camel seda); full queues apply back-pressure.";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(NAME, CONSUMERS, SIZE);
    }

    @Override
    protected String uri(SystemDecl system, CompileContext ctx) {
        return "seda:" + ctx.text(system.option("name"), system.name()) + "?size=" + ctx.systemOption(system, "size")
                + "&blockWhenFull=true";
    }

    @Override
    public String sourceUri(SystemDecl system, io.unikernal.udl.model.EndpointRef use, CompileContext ctx) {
        return uri(system, ctx) + "&concurrentConsumers=" + ctx.systemOption(system, "concurrentConsumers");
    }

    @Override
    protected ExchangePattern pattern() {
        return ExchangePattern.InOnly;
    }
}
