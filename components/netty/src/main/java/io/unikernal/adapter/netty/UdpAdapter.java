package io.unikernal.adapter.netty;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code udp}: one-way datagrams over camel-netty — a source receives each datagram as one message, a target sends
 * each message as one datagram. No framing (a datagram is its own frame) and no answers; {@code maxFrameSize} bounds
 * a datagram both ways (a larger one received is dropped with one log line, one to send fails the message). UDP
 * promises nothing: a datagram to a port nobody listens on, or dropped on the way, is lost without an error.
 */
public final class UdpAdapter implements Adapter {

    static final String NAME = "udp";

    static final Option<Integer> MAX_FRAME_SIZE = Option.integer("maxFrameSize")
            .defaultValue(NettySystems.MAX_DATAGRAM).range(1, NettySystems.MAX_DATAGRAM)
            .description("The largest datagram, in bytes: a larger one received is dropped with one log line, one to"
                    + " send fails the message.").example("8192");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Receives and sends UDP datagrams (camel-netty), one message each, one-way, bounded by maxFrameSize;"
                    + " UDP itself may lose them.",
            "io.unikernal:unikernal-components-netty");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(NettySystems.HOST, NettySystems.PORT, MAX_FRAME_SIZE, NettySystems.FORMAT,
                NettySystems.CHARSET);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of();
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        NettySystems.checkCharset(system, problems);
    }

    /** A listener's probe: the port must be free to bind before the app starts. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        if (NettySystems.listens(system, ctx)) {
            NettySystems.probe(system, NAME, true, ctx);
        }
    }

    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        return EndpointUri.of("netty", "udp://" + ctx.text(system, NettySystems.HOST) + ":"
                + ctx.text(system, NettySystems.PORT)).param("sync", false).param("udpByteArrayCodec", true);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Receiver());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Sender());
    }

    private static final class Receiver implements SourceRole {
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(NettySystems.channel(NAME, system));
        }

        /** A receive buffer one byte over maxFrameSize: a larger datagram arrives cut there, and is seen as too large. */
        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return endpoint(use.system(), ctx).param("receiveBufferSizePredictor", MAX_FRAME_SIZE.of(use.system()) + 1)
                    .toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            TcpAdapter.normalize(use, route, TcpAdapter.inbound(use.system(), true, MAX_FRAME_SIZE.of(use.system()),
                    ctx), ctx);
        }
    }

    private static final class Sender implements TargetRole {
        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(NettySystems.channel(NAME, system));
        }

        /** Each message one datagram, sent without a connection (no port-unreachable errors from earlier sends). */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            SystemDecl system = use.system();
            String name = ctx.systemBean(system) + ".datagram-out";
            Map<String, String> props = new LinkedHashMap<>();
            props.put("system", system.name());
            props.put("datagram", "true");
            props.put("format", ctx.text(system, NettySystems.FORMAT));
            props.put("charset", ctx.text(system, NettySystems.CHARSET));
            props.put("maxFrameSize", ctx.text(system, MAX_FRAME_SIZE));
            ctx.addBean(name, FrameOutbound.class, props);
            block.process(name);
            block.to(ExchangePattern.InOnly, endpoint(system, ctx).param("udpConnectionlessSending", true).toString());
            ctx.addBean("netty-payload-restorer", PayloadRestorer.class, Map.of());
            block.process("netty-payload-restorer");
        }
    }
}
