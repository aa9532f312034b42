package io.unikernal.adapter.netty;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code tcp}: a TCP server (source) or client (target) over camel-netty, each message one frame of the system's
 * {@code framing} — lines, length-prefixed frames or fixed-length frames, cut by Netty's own frame decoders that
 * camel-netty runs as the endpoint's {@code decoders}. In {@code request-reply} mode a source answers every frame with
 * the route's reply on the same connection (an error reply for a message that fails) and a target waits for the
 * peer's answer frame; in {@code one-way} mode nothing is answered or awaited. A frame over {@code maxFrameSize}
 * closes that connection with one log line; the listener keeps serving the others.
 */
public final class TcpAdapter implements Adapter {

    static final String NAME = "tcp";

    static final Option<String> MODE = Option.string("mode").defaultValue("request-reply")
            .allowed("request-reply", "one-way")
            .description("request-reply: a source answers each message with the route's reply on its connection, a"
                    + " target waits for the peer's answer (the route's timeout bounds it, 20 s without one), which"
                    + " becomes the body; one-way: messages only, no answers.");
    public static final Option<String> FRAMING = Option.string("framing").defaultValue("line").allowed(Framing.words())
            .description("How the byte stream is cut into messages: line (ends at '\\n', a '\\r' before it is"
                    + " dropped), length-prefixed (a big-endian length of lengthFieldBytes before each frame) or"
                    + " fixed (frameLength bytes each).");
    public static final Option<Integer> LENGTH_FIELD_BYTES = Option.integer("lengthFieldBytes").defaultValue(4).range(1, 4)
            .description("For length-prefixed framing: the length field's size, 1, 2 or 4 bytes.");
    public static final Option<Integer> FRAME_LENGTH = Option.integer("frameLength").range(1, Integer.MAX_VALUE)
            .description("For fixed framing (required there): the number of bytes of every frame.").example("16");
    public static final Option<Integer> MAX_FRAME_SIZE = Option.integer("maxFrameSize")
            .defaultValue(NettySystems.DEFAULT_MAX_FRAME).range(1, Integer.MAX_VALUE)
            .description("The largest frame accepted, in bytes (without a length field or line end): a larger one"
                    + " closes that connection with one log line, before it is read whole; one to send fails the"
                    + " message.").example("1048576");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves and calls TCP peers (camel-netty): request/reply or one-way, framed by lines, a length prefix or"
                    + " a fixed length (Netty's frame decoders), each frame bounded by maxFrameSize.",
            "io.unikernal:unikernal-components-netty");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        List<Option<?>> options = new java.util.ArrayList<>(List.of(NettySystems.HOST, NettySystems.PORT, MODE,
                FRAMING, LENGTH_FIELD_BYTES, FRAME_LENGTH, MAX_FRAME_SIZE, NettySystems.FORMAT, NettySystems.CHARSET,
                TlsSettings.TLS));
        options.addAll(TlsSettings.OPTIONS);
        return options;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(NettySystems.UNKNOWN_CHARSET, NettySystems.FRAME_LENGTH, NettySystems.LENGTH_FIELD,
                TLS_REFERENCE, STORES_WITHOUT_TLS, LISTENER_WITHOUT_KEYSTORE);
    }

    static final ProblemCode TLS_REFERENCE = new PluginProblemCode("TCP", 4, "a tcp system's tls is a ${...}"
            + " reference");
    static final ProblemCode STORES_WITHOUT_TLS = new PluginProblemCode("TCP", 5,
            "a tcp system with a trust or key store says tls: false");
    static final ProblemCode LISTENER_WITHOUT_KEYSTORE = new PluginProblemCode("TCP", 6,
            "a tcp listener with TLS has no keystore (its certificate)");

    @Override
    public void check(SystemDecl system, Problems problems) {
        NettySystems.checkCharset(system, problems);
        TlsSettings.checkSwitch(system, problems, TLS_REFERENCE, STORES_WITHOUT_TLS);
        OptionValue lengthField = system.option(LENGTH_FIELD_BYTES.name());
        if (lengthField != null && lengthField.value() instanceof Number n && n.intValue() == 3) {
            problems.error(NettySystems.LENGTH_FIELD, lengthField.pos(), "system " + system.name()
                    + " has lengthFieldBytes 3", "use 1, 2 or 4");
        }
        Framing framing = Framing.find(FRAMING.of(system));
        if (framing == null) {
            return;
        }
        OptionValue frameLength = system.option(FRAME_LENGTH.name());
        if (framing == Framing.FIXED && frameLength == null) {
            problems.error(NettySystems.FRAME_LENGTH, system.pos(), "system " + system.name()
                    + " has fixed framing but no frameLength", "add frameLength: the bytes of every frame");
        } else if (framing != Framing.FIXED && frameLength != null) {
            problems.error(NettySystems.FRAME_LENGTH, frameLength.pos(), "system " + system.name()
                    + " has frameLength but " + framing.word() + " framing", "remove frameLength, or use framing:"
                    + " fixed");
        } else if (frameLength != null && frameLength.value() instanceof Number n
                && n.longValue() > MAX_FRAME_SIZE.of(system)) {
            problems.error(NettySystems.FRAME_LENGTH, frameLength.pos(), "system " + system.name() + " has frameLength "
                    + n + ", over its maxFrameSize " + MAX_FRAME_SIZE.of(system), "raise maxFrameSize or lower"
                    + " frameLength");
        }
    }

    private static Framing framing(SystemDecl system) {
        return Framing.of(FRAMING.of(system));
    }

    private static boolean oneWay(SystemDecl system) {
        return "one-way".equals(MODE.of(system));
    }

    /** The frame decoders, the framing encoder and the probe of the system; beans, so the YAML declares them too. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        String bean = ctx.systemBean(system);
        Map<String, String> framing = new LinkedHashMap<>();
        framing.put("framing", ctx.text(system, FRAMING));
        framing.put("lengthFieldBytes", ctx.text(system, LENGTH_FIELD_BYTES));
        Map<String, String> decoder = new LinkedHashMap<>(framing);
        decoder.put("maxFrameSize", ctx.text(system, MAX_FRAME_SIZE));
        if (system.option(FRAME_LENGTH.name()) != null) {
            decoder.put("frameLength", ctx.text(system, FRAME_LENGTH));
        }
        ctx.addBean(bean + ".frames-in", FrameDecoderFactory.class, decoder);
        ctx.addBean(bean + ".frame-guard", FrameGuard.class, Map.of("system", system.name(), "maxFrameSize",
                ctx.text(system, MAX_FRAME_SIZE)));
        if (framing(system) != Framing.FIXED) {
            Map<String, String> encoder = new LinkedHashMap<>(framing);
            encoder.put("charset", ctx.text(system, NettySystems.CHARSET));
            ctx.addBean(bean + ".frames-out", FrameEncoderFactory.class, encoder);
        }
        if (framing(system) != Framing.LINE) {
            ctx.addBean(BYTES_ENCODER, io.netty.handler.codec.bytes.ByteArrayEncoder.class, Map.of());
        }
        if (TlsSettings.wanted(system)) {
            String tls = TlsSettings.contribute(system, ctx);
            ctx.addBean(bean + ".tls.listener", NettyTlsParameters.class, Map.of("tls", tls));
            ctx.addBean(bean + ".tls.client", NettyTlsParameters.class, Map.of("tls", tls, "peerHost",
                    ctx.text(system, NettySystems.HOST), "peerPort", ctx.text(system, NettySystems.PORT)));
        }
        NettySystems.probe(system, NAME, false, ctx);
    }

    /**
     * camel-netty's TLS from the system's settings: a listener serves the keystore's certificate and, with a
     * truststore, wants a client certificate its CAs signed; a client checks the server's certificate and host.
     */
    private static EndpointUri withTls(EndpointUri uri, SystemDecl system, boolean listener, CompileContext ctx) {
        if (!TlsSettings.wanted(system)) {
            return uri;
        }
        uri.param("ssl", true).param("sslContextParameters", "#bean:" + ctx.systemBean(system)
                + (listener ? ".tls.listener" : ".tls.client"));
        if (listener && system.option(TlsSettings.TRUSTSTORE.name()) != null) {
            uri.param("needClientAuth", true);
        }
        return uri;
    }

    private static final String BYTES_ENCODER = "netty-bytes-encoder";

    /** {@code netty:tcp://host:port} with the system's codecs; the rest of the parameters are the caller's. */
    private static EndpointUri endpoint(SystemDecl system, CompileContext ctx) {
        String bean = "#bean:" + ctx.systemBean(system);
        String encoders = switch (framing(system)) {
            case LINE -> bean + ".frames-out";
            case LENGTH_PREFIXED -> bean + ".frames-out,#bean:" + BYTES_ENCODER;
            case FIXED -> "#bean:" + BYTES_ENCODER;
        };
        return EndpointUri.of("netty", "tcp://" + ctx.text(system, NettySystems.HOST) + ":"
                        + ctx.text(system, NettySystems.PORT))
                .param("textline", false).param("decoders", bean + ".frames-in," + bean + ".frame-guard")
                .param("encoders", encoders).param("sync", !oneWay(system));
    }

    /** The bean that makes the body a frame to send, for this system. */
    static String outbound(SystemDecl system, CompileContext ctx) {
        String name = ctx.systemBean(system) + ".frame-out";
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("framing", ctx.text(system, FRAMING));
        props.put("format", ctx.text(system, NettySystems.FORMAT));
        props.put("charset", ctx.text(system, NettySystems.CHARSET));
        props.put("maxFrameSize", ctx.text(system, MAX_FRAME_SIZE));
        props.put("lengthFieldBytes", ctx.text(system, LENGTH_FIELD_BYTES));
        if (system.option(FRAME_LENGTH.name()) != null) {
            props.put("frameLength", ctx.text(system, FRAME_LENGTH));
        }
        ctx.addBean(name, FrameOutbound.class, props);
        return name;
    }

    /** The bean that makes a received frame the route's body; {@code peer}: set the sender's address. */
    static String inbound(SystemDecl system, boolean peer, int maxFrameSize, CompileContext ctx) {
        String name = ctx.systemBean(system) + (peer ? ".frame-in" : ".reply-in");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("format", ctx.text(system, NettySystems.FORMAT));
        props.put("charset", ctx.text(system, NettySystems.CHARSET));
        props.put("peer", String.valueOf(peer));
        if (maxFrameSize > 0) {
            props.put("maxFrameSize", String.valueOf(maxFrameSize));
        }
        ctx.addBean(name, FrameInbound.class, props);
        return name;
    }

    /** The received frame as the route's UDM message: the envelope, then the payload by the system's format. */
    static void normalize(SystemUse use, ProcessorDefinition<?> route, String inbound, CompileContext ctx) {
        route.process(inbound);
        if (BodyFormat.of(NettySystems.FORMAT.of(use.system())) == BodyFormat.JSON) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        } else {
            StandardNodes.envelope(use.systemName(), route, ctx);
        }
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    private static final class Server implements SourceRole {
        /** In request-reply mode the peer waits on its connection for the route's reply. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY);
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            return Optional.of(NettySystems.channel(NAME, system));
        }

        /** A TLS listener serves a certificate: the keystore's. */
        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (TlsSettings.wanted(system) && system.option(TlsSettings.KEYSTORE.name()) == null) {
                problems.error(LISTENER_WITHOUT_KEYSTORE, use.pos(), "system " + system.name() + " listens with TLS"
                        + " but has no keystore", "add keystore: the listener's certificate and key (PKCS12, JKS or"
                        + " PEM)");
            }
        }

        /**
         * Each connection's frames are handled in order on camel-netty's ordered executor ({@code synchronous}), so
         * a peer that sends several requests before reading gets the replies in the order it asked.
         */
        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return withTls(endpoint(use.system(), ctx), use.system(), true, ctx).param("synchronous", true)
                    .param("reuseAddress", true).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            TcpAdapter.normalize(use, route, inbound(use.system(), true, 0, ctx), ctx);
        }

        @Override
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            if (!oneWay(use.system())) {
                block.process(outbound(use.system(), ctx));
            }
        }
    }

    private static final class Client implements TargetRole {
        private static final long DEFAULT_TIMEOUT_MILLIS = 20_000;
        private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.CLIENT_TIMEOUT);
        }

        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            return Optional.of(NettySystems.channel(NAME, system));
        }

        /**
         * A frame goes out on a pooled connection (a refused or lost connection fails the call, and the route's retry
         * carries it); in request-reply mode the peer's answer frame becomes the body, bounded by the route's
         * timeout; one-way, the message keeps its payload.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            SystemDecl system = use.system();
            long timeout = use.timeout().map(t -> Math.max(1, t.toMillis())).orElse(DEFAULT_TIMEOUT_MILLIS);
            EndpointUri uri = withTls(endpoint(system, ctx), system, false, ctx).param("connectTimeout",
                    Math.min(timeout, CONNECT_TIMEOUT_MILLIS));
            block.process(outbound(system, ctx));
            if (oneWay(system)) {
                block.to(ExchangePattern.InOnly, uri.toString());
                ctx.addBean("netty-payload-restorer", PayloadRestorer.class, Map.of());
                block.process("netty-payload-restorer");
            } else {
                block.to(ExchangePattern.InOut, uri.param("requestTimeout", timeout).toString());
                block.process(inbound(system, false, 0, ctx));
                if (BodyFormat.of(NettySystems.FORMAT.of(system)) == BodyFormat.JSON) {
                    StandardNodes.parseJson(block, ctx);
                }
            }
        }
    }
}
