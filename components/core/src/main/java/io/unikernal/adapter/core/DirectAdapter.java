package io.unikernal.adapter.core;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code direct}: a synchronous in-process hand-over between routes of one app (Camel's direct component). The
 * sender waits for the receiving route and gets its final body back.
 */
public class DirectAdapter implements Adapter {

    /** Endpoint names become part of a URI path: no characters that would start its query. */
    static final Option<String> NAME = Option.string("name").pattern("[A-Za-z0-9_.:-]+",
                    "a name of letters, digits, '_', '.', ':' and '-'")
            .description("The endpoint name; defaults to the system's name.").example("orders-in");

    private static final AdapterInfo INFO = new AdapterInfo("direct",
            "Synchronous in-process hand-over between routes (Camel direct); the sender gets the receiver's result.",
            "io.unikernal:unikernal-components-core");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(NAME);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new QueueSource());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new QueueTarget());
    }

    /** The queue's name: the option, or the system's name. */
    protected String queueName(SystemDecl system) {
        String name = NAME.of(system);
        return name == null ? system.name() : name;
    }

    /** The Camel endpoint for this system, shared by consumers and producers. */
    protected String uri(SystemDecl system, CompileContext ctx) {
        return name() + ":" + ctx.text(system.option(NAME.name()), system.name());
    }

    /** The endpoint a route consumes; seda adds its consumer threads. */
    protected String consumerUri(SystemDecl system, CompileContext ctx) {
        return uri(system, ctx);
    }

    protected ExchangePattern pattern() {
        return ExchangePattern.InOut;
    }

    private Channel channel(SystemDecl system) {
        return Channel.queue(name(), queueName(system));
    }

    /** The sending route's envelope travels as Camel headers: the hand-over keeps it. */
    private static final Set<Capability> IN_PROCESS = Set.of(Capability.NATIVE_HEADERS);

    private final class QueueSource implements SourceRole {
        @Override
        public Set<Capability> capabilities() {
            return IN_PROCESS;
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(channel(system));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return consumerUri(use.system(), ctx);
        }

        /**
         * The body already is a UDM payload (it comes from another route or a Java producer); only the envelope is
         * completed. A body sent as JSON text stays text.
         */
        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.envelope(use.systemName(), route, ctx);
        }
    }

    private final class QueueTarget implements TargetRole {
        @Override
        public Set<Capability> capabilities() {
            return IN_PROCESS;
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(channel(system));
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            block.to(pattern(), DirectAdapter.this.uri(use.system(), ctx));
        }
    }
}
