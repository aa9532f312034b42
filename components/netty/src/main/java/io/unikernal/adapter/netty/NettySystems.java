package io.unikernal.adapter.netty;

import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the tcp and udp adapters share: their common options, checks and beans (the options public for UPT). */
public final class NettySystems {

    /** 1 MiB: ample for a message, small enough that a peer streaming one endless frame cannot exhaust the heap. */
    static final int DEFAULT_MAX_FRAME = 1_048_576;
    /** The largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;

    public static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .pattern("[A-Za-z0-9.:\\[\\]_-]+", "a host name or an IP address")
            .description("As a source, the address to listen on (loopback by default; 0.0.0.0 serves the network);"
                    + " as a target, the host to send to.")
            .example("127.0.0.1");
    public static final Option<Integer> PORT = Option.integer("port").required().range(1, 65535)
            .description("As a source, the port to listen on; as a target, the port to send to.").example("7000");
    static final Option<String> FORMAT = Option.string("format").defaultValue("json").allowed(BodyFormat.words())
            .description("What a message's bytes are: json (parsed into the payload, written as JSON), text (a"
                    + " string in the charset) or bytes (as they came).");
    static final Option<String> CHARSET = Option.string("charset").defaultValue("UTF-8")
            .pattern("[A-Za-z0-9._:+-]+", "a charset name such as UTF-8 or ISO-8859-1")
            .description("The charset of json and text messages.").example("ISO-8859-1");

    static final ProblemCode UNKNOWN_CHARSET = new PluginProblemCode("TCP", 1,
            "a tcp or udp system names a charset this Java does not have");
    static final ProblemCode FRAME_LENGTH = new PluginProblemCode("TCP", 2,
            "a tcp system's frameLength does not fit its framing");
    static final ProblemCode LENGTH_FIELD = new PluginProblemCode("TCP", 3,
            "a tcp system's lengthFieldBytes is not 1, 2 or 4");

    private NettySystems() {
    }

    /** A charset this Java has, reported at the option's position otherwise. */
    static void checkCharset(SystemDecl system, Problems problems) {
        OptionValue value = system.option(CHARSET.name());
        if (value != null && value.value() instanceof String name && !name.contains("${")) {
            boolean known;
            try {
                known = Charset.isSupported(name);
            } catch (IllegalArgumentException e) {
                known = false;
            }
            if (!known) {
                problems.error(UNKNOWN_CHARSET, value.pos(), "system " + system.name() + " names charset '" + name
                        + "', which this Java does not have", "use a charset such as UTF-8, US-ASCII or ISO-8859-1");
            }
        }
    }

    /**
     * True when a route of the app starts at the system, or a section serves it (a TCP <-> WebSocket translation's
     * own listener): it listens; otherwise it is called.
     */
    static boolean listens(SystemDecl system, CompileContext ctx) {
        if (ctx.servedBySection(system)) {
            return true;
        }
        for (RouteDecl route : ctx.document().routes()) {
            if (route.from() != null && system.name().equals(route.from().system())) {
                return true;
            }
        }
        return false;
    }

    /** The probe's bean: the listener a source binds, or the server a target reaches. */
    static void probe(SystemDecl system, String adapter, boolean datagram, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("adapter", adapter);
        props.put("host", ctx.text(system, HOST));
        props.put("port", ctx.text(system, PORT));
        props.put("datagram", String.valueOf(datagram));
        props.put("listener", String.valueOf(listens(system, ctx)));
        ctx.addBean(ctx.systemBean(system) + ".probe", NettyProbe.class, props);
    }

    static Channel channel(String transport, SystemDecl system) {
        String address = HOST.text(system) + ":" + PORT.text(system);
        return new Channel(transport, address, null, transport + " " + address);
    }

    /** A socket address as {@code host:port}, or null. */
    static String address(Object address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return address == null ? null : String.valueOf(address);
    }
}
