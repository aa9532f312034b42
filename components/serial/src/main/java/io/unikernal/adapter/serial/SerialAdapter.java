package io.unikernal.adapter.serial;

import io.unikernal.runtime.JsonBodyWriter;
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
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code serial}: a serial port (RS-232, a USB serial adapter, a pseudo-terminal), through this module's Camel
 * component {@code serial} over jSerialComm. A route reads frames — lines or fixed-length blocks, each a JSON message —
 * and a target writes one frame per message. The port is opened with the declared line settings; the system's probe
 * checks at start that the port exists and opens (a missing one fails the start: it is a wrong path), and while the
 * app runs reports it DOWN when the device is gone; reading resumes and writing is retried once it is back.
 */
public final class SerialAdapter implements Adapter {

    static final String NAME = "serial";

    static final Option<String> PORT = Option.string("port").required()
            .pattern("/[^?&#\\s]+", "an absolute path without '?', '&', '#' or spaces, such as /dev/ttyUSB0")
            .description("The port's path: a device such as /dev/ttyUSB0, or a symbolic link to one"
                    + " (/dev/serial/by-id/...).")
            .example("/dev/ttyUSB0");
    static final Option<Integer> BAUD_RATE = Option.integer("baudRate").defaultValue(9600).range(50, 4_000_000)
            .description("Bits per second.");
    static final Option<Integer> DATA_BITS = Option.integer("dataBits").defaultValue(8).range(5, 8)
            .description("Data bits per character.");
    static final Option<String> STOP_BITS = Option.string("stopBits").defaultValue("1").allowed("1", "1.5", "2")
            .description("Stop bits per character.");
    static final Option<String> PARITY = Option.string("parity").defaultValue("none")
            .allowed("none", "odd", "even", "mark", "space").description("The parity bit.");
    static final Option<String> FLOW_CONTROL = Option.string("flowControl").defaultValue("none")
            .allowed("none", "rts-cts", "xon-xoff")
            .description("Flow control: none, hardware (RTS/CTS) or software (XON/XOFF).");
    static final Option<String> FRAMING = Option.string("framing").defaultValue("line")
            .allowed("line", "length-prefixed", "fixed")
            .description("How messages are cut, with the words of the tcp adapter: one per line ended by a newline (a"
                    + " carriage return before it is dropped, empty lines skipped), each after its length"
                    + " (lengthFieldBytes, big-endian, not counting itself), or blocks of frameLength bytes (a shorter"
                    + " message written is padded with spaces).");
    static final Option<Integer> LENGTH_FIELD_BYTES = Option.integer("lengthFieldBytes").defaultValue(4).range(1, 4)
            .description("The size in bytes of the length before each frame, for framing: length-prefixed.");
    static final Option<Integer> FRAME_LENGTH = Option.integer("frameLength").range(1, 16 * 1024 * 1024)
            .description("The length in bytes of each frame, for framing: fixed (required there).");
    static final Option<Integer> MAX_FRAME_SIZE = Option.integer("maxFrameSize").defaultValue(65536)
            .range(1, 16 * 1024 * 1024)
            .description("The longest frame in bytes: a longer one read is dropped with a log line and the next"
                    + " one is read; a longer message written fails the call.");
    static final Option<String> CHARSET = Option.string("charset").defaultValue("UTF-8")
            .description("The character set of the frames' text.").example("ISO-8859-1");

    static final ProblemCode FRAME_LENGTH_MISSING = new PluginProblemCode("SERIAL", 1,
            "fixed framing without a frameLength, or a frameLength with another framing");
    static final ProblemCode UNKNOWN_CHARSET = new PluginProblemCode("SERIAL", 2, "a charset Java does not know");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "A serial port: frames (lines or fixed-length blocks) of JSON read as a source and written as a target;"
                    + " Unikernal's own Camel component serial over jSerialComm.",
            "io.unikernal:unikernal-components-serial");

    private static final List<Option<?>> OPTIONS = List.of(PORT, BAUD_RATE, DATA_BITS, STOP_BITS, PARITY,
            FLOW_CONTROL, FRAMING, FRAME_LENGTH, LENGTH_FIELD_BYTES, MAX_FRAME_SIZE, CHARSET);

    /** A device of this machine that can be unplugged and plugged in again; its probe checks it at start. */
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START,
            Capability.LOCAL_DEVICE);

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return OPTIONS;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(FRAME_LENGTH_MISSING, UNKNOWN_CHARSET);
    }

    /** The device itself is not looked at here: it is the machine the app runs on that has it (the probe checks). */
    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue framing = system.option(FRAMING.name());
        OptionValue length = system.option(FRAME_LENGTH.name());
        boolean fixed = framing != null && "fixed".equals(String.valueOf(framing.value()));
        if (fixed && length == null) {
            problems.error(FRAME_LENGTH_MISSING, framing.pos(), "framing: fixed needs a frameLength",
                    "add frameLength: <bytes per frame>");
        } else if (!fixed && length != null) {
            problems.error(FRAME_LENGTH_MISSING, length.pos(), "frameLength is only used with framing: fixed",
                    "add framing: fixed, or remove frameLength");
        } else if (fixed && length.value() instanceof Number n && system.option(MAX_FRAME_SIZE.name()) != null
                && n.longValue() > MAX_FRAME_SIZE.of(system)) {
            problems.error(FRAME_LENGTH_MISSING, length.pos(), "frameLength " + n + " is more than maxFrameSize "
                    + MAX_FRAME_SIZE.of(system), "raise maxFrameSize or lower frameLength");
        }
        OptionValue charset = system.option(CHARSET.name());
        if (charset != null && !(charset.value() instanceof String text && References.containsReference(text))
                && !supported(String.valueOf(charset.value()))) {
            problems.error(UNKNOWN_CHARSET, charset.pos(), "charset '" + charset.value() + "' is not one Java knows",
                    "use a name such as UTF-8, US-ASCII or ISO-8859-1");
        }
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The system's probe: the port exists and opens with its settings. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("adapter", NAME);
        props.putAll(settings(system, ctx));
        ctx.addBean(ctx.systemBean(system) + ".probe", SerialProbe.class, props);
    }

    /** The settings as text, named as the endpoint's parameters and the probe's properties are. */
    private static Map<String, String> settings(SystemDecl system, CompileContext ctx) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", ctx.text(system, PORT));
        for (Option<?> option : List.of(BAUD_RATE, DATA_BITS, STOP_BITS, PARITY, FLOW_CONTROL, FRAMING, FRAME_LENGTH,
                LENGTH_FIELD_BYTES, MAX_FRAME_SIZE, CHARSET)) {
            String value = ctx.text(system, option);
            if (value != null) {
                settings.put(option.name(), value);
            }
        }
        return settings;
    }

    /** One endpoint per system: a source and a target of one port share the open port. */
    private static String endpoint(SystemDecl system, CompileContext ctx) {
        Map<String, String> settings = settings(system, ctx);
        EndpointUri uri = EndpointUri.of(NAME, settings.remove("port"));
        settings.forEach(uri::userParam);
        return uri.toString();
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Reader());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Writer());
    }

    private static final class Reader implements SourceRole {
        @Override
        public Set<Capability> capabilities() {
            return CAPABILITIES;
        }

        /** A port has one reader: two routes reading one path clash. */
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            // a system without its port has been reported already
            return Optional.ofNullable(PORT.text(system)).map(port -> Channel.queue(NAME, port));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return endpoint(use.system(), ctx);
        }

        /** Each frame is a JSON message: one that does not parse goes to the route's dead letter with the reason. */
        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }

    private static final class Writer implements TargetRole {
        @Override
        public Set<Capability> capabilities() {
            return CAPABILITIES;
        }

        /** The body as JSON text, one frame; headers are not sent (a serial line carries none). */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("write-json", JsonBodyWriter.class, Map.of());
            block.process("write-json");
            block.to(endpoint(use.system(), ctx));
        }
    }
}
