package io.unikernal.spi.adapter;

import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.runtime.tls.TlsSocketFactory;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.References;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS options every adapter that talks TLS declares the same way (one declaration, so the schema, the docs and
 * {@code unikernal adapters} say the same for each): the trust store with the server's CA and the key store for
 * client authentication, files relative to the UDL file, passwords as secrets. {@link #contribute} declares the
 * system's {@link TlsContextFactory} bean, which the adapter's own system bean takes by reference.
 */
public final class TlsSettings {

    public static final Option<String> TRUSTSTORE = Option.string("truststore")
            .description("Trust store file with the server's CA; relative to the UDL file. The JVM's default trust"
                    + " when absent.").example("certs/ca.pem");
    public static final Option<String> TRUSTSTORE_PASSWORD = Option.string("truststorePassword").secret()
            .requires("truststore").description("Password of the trust store (PKCS12, JKS).");
    public static final Option<String> TRUSTSTORE_TYPE = Option.string("truststoreType").defaultValue("PKCS12")
            .allowed("PKCS12", "JKS", "PEM")
            .description("Format of the trust store; PEM is a file of -----BEGIN CERTIFICATE----- blocks.");
    public static final Option<String> KEYSTORE = Option.string("keystore")
            .description("Key store file with this side's certificate and key, relative to the UDL file: a"
                    + " client's for TLS client authentication; a listener's (tcp, websocket sources) is the"
                    + " certificate it serves.").example("certs/client.p12");
    public static final Option<String> KEYSTORE_PASSWORD = Option.string("keystorePassword").secret()
            .requires("keystore").description("Password of the key store.");
    public static final Option<String> KEYSTORE_TYPE = Option.string("keystoreType").defaultValue("PKCS12")
            .allowed("PKCS12", "JKS", "PEM")
            .description("Format of the key store; PEM is the certificate chain and a PKCS#8 private key in one file.");
    public static final Option<String> KEY_PASSWORD = Option.string("keyPassword").secret().requires("keystore")
            .description("Password of the private key in the key store, when it differs from the store's.");

    /**
     * The switch of adapters whose address does not say TLS (no {@code tls://} scheme, no security protocol):
     * TLS when true, or when it is not set and a store is given ({@link #wanted}).
     */
    public static final Option<Boolean> TLS = Option.bool("tls")
            .description("Connect with TLS, the server's certificate checked against the truststore (the JVM's"
                    + " default trust without one) and its host name. On by itself when a truststore or keystore is"
                    + " given.");

    /** The options, in the order the docs list them. */
    public static final List<Option<?>> OPTIONS = List.of(TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE,
            KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD);

    private TlsSettings() {
    }

    /**
     * True when the system talks TLS by {@link #TLS}: {@code tls: true}, or no {@code tls} and a store given. A
     * {@code ${...}} reference as {@code tls} counts as not set; the adapter reports it (fixed at compile time).
     */
    public static boolean wanted(SystemDecl system) {
        OptionValue value = system.option(TLS.name());
        if (value == null || value.value() == null
                || (value.value() instanceof String raw && References.containsReference(raw))) {
            return storesGiven(system);
        }
        return "true".equals(TLS.text(value));
    }

    /**
     * Reports a {@link #TLS} that is a {@code ${...}} reference ({@code reference}: whether to talk TLS is fixed at
     * compile time) or {@code false} beside a store ({@code storesWithoutTls}), with the adapter's own codes.
     */
    public static void checkSwitch(SystemDecl system, Problems problems, ProblemCode reference,
            ProblemCode storesWithoutTls) {
        OptionValue tls = system.option(TLS.name());
        if (tls == null) {
            return;
        }
        if (tls.value() instanceof String text && References.containsReference(text)) {
            problems.error(reference, tls.pos(), "tls is the reference " + text + ", but whether the server is"
                    + " reached by TLS is fixed when the app is compiled", "write true or false");
        } else if ("false".equals(TLS.text(tls)) && storesGiven(system)) {
            problems.error(storesWithoutTls, tls.pos(), "tls is false, but a truststore or keystore is given",
                    "remove tls: false to connect with TLS, or remove the stores");
        }
    }

    /** The name of the system's TLS bean. */
    public static String beanName(SystemDecl system, CompileContext ctx) {
        return ctx.systemBean(system) + ".tls";
    }

    /** True when the system sets any TLS store. */
    public static boolean storesGiven(SystemDecl system) {
        return system.option(TRUSTSTORE.name()) != null || system.option(KEYSTORE.name()) != null;
    }

    /**
     * The TLS options of the system as bean properties: files as absolute paths (relative ones against the UDL
     * file's folder), secrets as placeholders Camel resolves at start.
     */
    public static Map<String, String> properties(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        putIfSet(props, "truststore", file(system, TRUSTSTORE, ctx));
        putIfSet(props, "truststorePassword", ctx.text(system, TRUSTSTORE_PASSWORD));
        props.put("truststoreType", ctx.text(system, TRUSTSTORE_TYPE));
        putIfSet(props, "keystore", file(system, KEYSTORE, ctx));
        putIfSet(props, "keystorePassword", ctx.text(system, KEYSTORE_PASSWORD));
        props.put("keystoreType", ctx.text(system, KEYSTORE_TYPE));
        putIfSet(props, "keyPassword", ctx.text(system, KEY_PASSWORD));
        return props;
    }

    /** Declares the system's {@link TlsContextFactory} bean and returns its reference, {@code #bean:<name>}. */
    public static String contribute(SystemDecl system, CompileContext ctx) {
        String name = beanName(system, ctx);
        ctx.addBean(name, TlsContextFactory.class, properties(system, ctx));
        return "#bean:" + name;
    }

    /**
     * Declares the system's {@link TlsContextFactory} bean and a {@link TlsSocketFactory} of it (for clients that take
     * a {@code SocketFactory}), and returns the socket factory's reference, {@code #bean:<name>}.
     */
    public static String contributeSocketFactory(SystemDecl system, CompileContext ctx) {
        String name = beanName(system, ctx) + ".sockets";
        ctx.addBean(name, TlsSocketFactory.class, Map.of("tls", contribute(system, ctx)));
        return "#bean:" + name;
    }

    /** A file option as an absolute path (relative ones against the UDL file's folder); references kept. */
    public static String file(SystemDecl system, Option<String> option, CompileContext ctx) {
        String text = ctx.text(system, option);
        OptionValue value = system.option(option.name());
        if (text == null || value == null || !(value.value() instanceof String raw)
                || References.containsReference(raw)) {
            return text;
        }
        Path path = Path.of(raw);
        return path.isAbsolute() ? raw : ctx.baseDir().resolve(path).normalize().toString();
    }

    private static void putIfSet(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
