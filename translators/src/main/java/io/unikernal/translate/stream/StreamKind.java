package io.unikernal.translate.stream;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.AdapterPairKind;
import io.unikernal.adapter.netty.TcpAdapter;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * WebSocket <-> TCP, either way: a duplex bridge per connection, which Camel's request/reply routes do not fit. It
 * compiles to one bean and no route — a {@link StreamBridge} named {@code translation-<name>}, its options the two
 * systems' as declared, with an init method that opens its listener once the CamelContext has started and a destroy
 * method that closes it — so the emitted YAML is a {@code beans:} entry plain Camel Main creates. The framing is the
 * tcp system's own ({@code framing}, {@code lengthFieldBytes}, {@code frameLength}, {@code maxFrameSize}).
 */
abstract class StreamKind extends AdapterPairKind {

    static final ProblemCode WRONG_SOURCE = new PluginProblemCode("STREAM", 1,
            "a WebSocket <-> TCP translation is exposed on a system of another adapter than its protocol's");
    static final ProblemCode NO_TLS = new PluginProblemCode("STREAM", 2,
            "a WebSocket <-> TCP translation over TLS (wss, or a tcp system with tls), not supported yet");

    StreamKind(String protocol, String exposedAdapter, String targetAdapter) {
        super(protocol, exposedAdapter, targetAdapter);
    }

    /** The bridge binds the exposed system's address itself: its adapter opens no server there. */
    @Override
    public final boolean servesExposedListener() {
        return true;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(WRONG_SOURCE, NO_TLS);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        if (!exposedOnItsAdapter(translation, expose, checks, WRONG_SOURCE, "translation", "listens on")) {
            return;
        }
        checks.useAsTarget(translation.target());
        for (SystemDecl system : List.of(expose, target)) {
            if (secure(system)) {
                checks.problems().error(NO_TLS, system.pos(), "system " + system.name() + " uses TLS, which a"
                        + " WebSocket <-> TCP translation does not support yet", "use ws:// and a tcp system without"
                        + " tls on loopback, or terminate TLS in front of the bridge");
            }
        }
    }

    /** True when the system is configured for TLS (its stores, or a wss:// URL). */
    abstract boolean secure(SystemDecl system);

    static boolean tls(SystemDecl system) {
        return TlsSettings.wanted(system);
    }

    /** The bridge bean's class and its options from the two systems. */
    abstract Class<? extends StreamBridge> bridge();

    abstract void options(SystemDecl expose, SystemDecl target, Map<String, String> props, CompileContext ctx);

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String id = "translation-" + translation.name();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("translation", id);
        options(expose, target, props, ctx);
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(id);
        bean.setType(bridge().getName());
        bean.setProperties(new LinkedHashMap<>(props));
        bean.setInitMethod("start");
        bean.setDestroyMethod("stop");
        ctx.addBean(bean);
    }

    /** The tcp system's framing options, as the bridge's properties. */
    static void framing(SystemDecl tcp, Map<String, String> props, CompileContext ctx) {
        props.put("framing", ctx.text(tcp, TcpAdapter.FRAMING));
        props.put("lengthFieldBytes", ctx.text(tcp, TcpAdapter.LENGTH_FIELD_BYTES));
        if (tcp.option(TcpAdapter.FRAME_LENGTH.name()) != null) {
            props.put("frameLength", ctx.text(tcp, TcpAdapter.FRAME_LENGTH));
        }
        props.put("maxFrameSize", ctx.text(tcp, TcpAdapter.MAX_FRAME_SIZE));
    }
}
