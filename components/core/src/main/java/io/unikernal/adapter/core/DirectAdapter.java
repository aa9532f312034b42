package io.unikernal.adapter.core;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code direct}: a synchronous in-process hand-over between routes of one app (Camel's direct component). The
 * sender waits for the receiving route and gets its final body back.
 */
public class DirectAdapter implements Adapter {

    static final OptionSpec NAME = OptionSpec.of("name", ValueKind.STRING)
            .description("The endpoint name; defaults to the system's name.").example("orders-in");

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public String description() {
        return "Synchronous in-process hand-over between routes (Camel direct); the sender gets the receiver's result.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-core";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(NAME);
    }

    @Override
    public boolean canBeSource() {
        return true;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    /** The Camel endpoint for this system, shared by consumers and producers. */
    protected String uri(SystemDecl system, CompileContext ctx) {
        return name() + ":" + ctx.text(system.option("name"), system.name());
    }

    @Override
    public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        return uri(system, ctx);
    }

    /**
     * The body already is a UDM payload (it comes from another route or a Java producer); only the envelope is
     * completed. A body sent as JSON text stays text.
     */
    @Override
    public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
        io.unikernal.adapter.StandardNodes.envelope(system.name(), route, ctx);
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        block.to(pattern(), uri(system, ctx));
    }

    protected ExchangePattern pattern() {
        return ExchangePattern.InOut;
    }
}
