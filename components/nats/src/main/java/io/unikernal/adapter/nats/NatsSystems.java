package io.unikernal.adapter.nats;

import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.TlsSettings;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * What a {@code nats} and a {@code nats-jetstream} system share: how they reach the servers (options, the connection
 * bean, its probe) and the beans every use of them names.
 */
final class NatsSystems {

    static final String DEFAULT_SERVERS = "nats://127.0.0.1:4222";

    /** No credentials in a server address: they would stand in the compiled files; user/password/token hold them. */
    static final Option<String> SERVERS = Option.string("servers").defaultValue(DEFAULT_SERVERS)
            .pattern("((nats|tls)://)?[^\\s,@/]+(,\\s*((nats|tls)://)?[^\\s,@/]+)*",
                    "comma-separated server addresses such as nats://127.0.0.1:4222, without credentials (give"
                            + " them as user and password, or token)")
            .description("The NATS servers, comma-separated; the client picks one and fails over to the others."
                    + " tls:// (or a truststore or keystore) connects with TLS, the server's certificate checked"
                    + " against the truststore and the host name.")
            .example("nats://127.0.0.1:4222");
    static final Option<String> USER = Option.string("user").requires("password").excludes("token")
            .description("User name to log in with; needs a password.");
    static final Option<String> PASSWORD = Option.string("password").secret().requires("user")
            .description("Password of the user; write it as ${secret:NAME} or ${env:NAME}.");
    static final Option<String> TOKEN = Option.string("token").secret().excludes("user")
            .description("Authentication token (instead of user and password); write it as ${secret:NAME} or"
                    + " ${env:NAME}.");
    static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connectTimeout").defaultValue(Duration.ofSeconds(2))
            .description("How long one attempt to connect to a server may take (at start, and each check while the"
                    + " server is down).");

    /** The connection options, first in every NATS system's declaration; TLS with tls:// servers or a store. */
    static final List<Option<?>> CONNECTION = Stream.concat(Stream.of(SERVERS, USER, PASSWORD, TOKEN,
            CONNECT_TIMEOUT), TlsSettings.OPTIONS.stream()).toList();

    /** Keeps Camel* headers of a NATS message out of the route and lets only the envelope out ({@link NatsHeaderFilter}). */
    static final String HEADER_FILTER = "nats-header-filter";

    private NatsSystems() {
    }

    /**
     * Declares the system's connection ({@link NatsSystemConnection}, bean {@code system.<name>}) and its probe, which
     * the kernel checks at start; {@code probe} holds what the probe checks beyond the connection (a stream).
     */
    static void contribute(SystemDecl system, String adapter, CompileContext ctx, Map<String, String> probe) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("servers", ctx.text(system, SERVERS));
        props.put("connectTimeout", ctx.text(system, CONNECT_TIMEOUT));
        props.put("name", ctx.document().name() + "/" + system.name());
        // {{secret:NAME}} / {{env:NAME}}: Camel resolves it when it builds the bean, the files keep the placeholder
        for (Option<?> credential : List.of(USER, PASSWORD, TOKEN)) {
            String value = ctx.text(system, credential);
            if (value != null) {
                props.put(credential.name(), value);
            }
        }
        if (TlsSettings.storesGiven(system) || SERVERS.text(system).contains("tls://")) {
            props.put("tls", TlsSettings.contribute(system, ctx));
        }
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(ctx.systemBean(system));
        bean.setType(NatsSystemConnection.class.getName());
        bean.setProperties(props);
        bean.setDestroyMethod("close");
        ctx.addBean(bean);
        Map<String, String> probeProps = new LinkedHashMap<>(probe);
        probeProps.put("system", system.name());
        probeProps.put("adapter", adapter);
        probeProps.put("connection", "#bean:" + ctx.systemBean(system));
        ctx.addBean(ctx.systemBean(system) + ".probe", NatsProbe.class, probeProps);
        ctx.addBean(HEADER_FILTER, NatsHeaderFilter.class, Map.of());
    }

    /** camel-nats' endpoint of {@code subject} on the system's connection, with the header filter both ways. */
    static EndpointUri subjectEndpoint(SystemDecl system, String subject, CompileContext ctx) {
        return EndpointUri.of("nats", subject).param("connection", "#bean:" + ctx.systemBean(system))
                .param("headerFilterStrategy", "#bean:" + HEADER_FILTER)
                // the connection is the system's: nothing of it to flush when one endpoint stops
                .param("flushConnection", false);
    }

    /** The route whose {@code from} is this use (a use is one route's), or null. */
    static RouteDecl routeOf(EndpointRef use, CompileContext ctx) {
        return ctx.document().routes().stream().filter(route -> route.from() == use).findFirst().orElse(null);
    }

    /** A name NATS takes for a consumer or queue group: letters, digits, '-' and '_'. */
    static String natsName(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
