package io.unikernal.dsl.app;

import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.ServedListener;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.SourcePos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * Gives a CamelContext that someone else configured (Camel Main reading its own {@code application.properties}, a
 * test's context, an application's) the properties a compiled app comes with. {@code unikernal run} hands them to
 * Camel Main before it starts; here the context is already configured, so each kind is applied the way Camel itself
 * would, or refused with what to add to the application's own configuration:
 * <ul>
 * <li>plain properties the routes refer to ({@code {{name}}}): initial properties, so the application's own value
 *     wins;</li>
 * <li>{@code camel.component.NAME.OPTION}: bound on the component, as Camel Main binds them;</li>
 * <li>{@code camel.threadpool.config[ID].*}: a thread pool profile;</li>
 * <li>{@code camel.main.logMask}: the context's log mask;</li>
 * <li>{@code camel.server.*} (the app's HTTP listener): Camel Main starts its HTTP server before it loads routes,
 *     so the application's configuration must already have it: checked, never changed ({@link
 *     DslProblems#LISTENER_NOT_CONFIGURED}).</li>
 * </ul>
 */
final class ContextSettings {

    private static final Pattern THREAD_POOL = Pattern.compile("camel\\.threadpool\\.config\\[([^\\]]+)]\\.(\\w+)");
    private static final Pattern COMPONENT = Pattern.compile("camel\\.component\\.([\\w-]+)\\.(\\w+)");
    private static final String SERVER = "camel.server.";

    private ContextSettings() {
    }

    /** Applies {@code app}'s properties to {@code context}; throws {@link UdlAppException} when one cannot be. */
    static void apply(CamelContext context, CompiledApp app, SourcePos where) {
        UdlRuntime.registerEnvSecrets(app.properties().get(UdlRuntime.SECRET_ENV_PROPERTY));
        PropertiesComponent properties = context.getPropertiesComponent();
        Map<String, Map<String, String>> pools = new LinkedHashMap<>();
        List<UdlError> problems = new ArrayList<>();
        Map<String, String> server = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : app.properties().entrySet()) {
            String key = property.getKey();
            String value = property.getValue();
            Matcher pool = THREAD_POOL.matcher(key);
            Matcher component = COMPONENT.matcher(key);
            if (key.startsWith(SERVER)) {
                server.put(key, value);
            } else if (pool.matches()) {
                pools.computeIfAbsent(pool.group(1), id -> new LinkedHashMap<>()).put(pool.group(2), value);
            } else if (component.matches()) {
                PropertyBindingSupport.build().withCamelContext(context)
                        .withTarget(context.getComponent(component.group(1), true))
                        .withProperty(component.group(2), value).withMandatory(true).bind();
            } else if (key.equals("camel.main.logMask")) {
                context.setLogMask(Boolean.parseBoolean(value));
            } else if (key.equals("camel.main.name")) {
                // the context is the application's: it keeps its own name
            } else if (key.startsWith("camel.")) {
                problems.add(UdlError.error(DslProblems.SETTING_NOT_APPLICABLE, where, "app '" + app.name()
                        + "' needs the Camel setting " + key + "=" + value + ", which cannot be applied to a"
                        + " CamelContext that is already configured", "add the line " + key + "=" + value
                        + " to the application's application.properties"));
            } else if (properties.resolveProperty(key).isEmpty()) {
                properties.addInitialProperty(key, value);
            }
        }
        pools.forEach((id, settings) -> context.getExecutorServiceManager()
                .registerThreadPoolProfile(profile(id, settings)));
        app.servedListener().flatMap(listener -> listenerProblem(properties, app, listener, server, where))
                .ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new UdlAppException(problems);
        }
    }

    private static ThreadPoolProfile profile(String id, Map<String, String> settings) {
        ThreadPoolProfile profile = new ThreadPoolProfile(id);
        Optional.ofNullable(settings.get("poolSize")).map(Integer::valueOf).ifPresent(profile::setPoolSize);
        Optional.ofNullable(settings.get("maxPoolSize")).map(Integer::valueOf).ifPresent(profile::setMaxPoolSize);
        Optional.ofNullable(settings.get("maxQueueSize")).map(Integer::valueOf).ifPresent(profile::setMaxQueueSize);
        return profile;
    }

    /**
     * The app's HTTP listener needs Camel's HTTP server enabled on the app's host and port. The application's own
     * {@code camel.server.*} settings are what Camel Main started the server with; any one that differs from the
     * app's (or is missing) is reported, with the lines to add.
     */
    private static Optional<UdlError> listenerProblem(PropertiesComponent properties, CompiledApp app,
            ServedListener listener, Map<String, String> server, SourcePos where) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> setting : server.entrySet()) {
            String wanted = setting.getValue();
            Optional<String> actual = properties.resolveProperty(setting.getKey());
            boolean placeholder = wanted.contains("{{");
            if (actual.isEmpty() || (!placeholder && !actual.get().equals(wanted))) {
                missing.add(setting.getKey() + "=" + wanted);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String port = server.getOrDefault(listener.portProperty(), "?");
        return Optional.of(UdlError.error(DslProblems.LISTENER_NOT_CONFIGURED, where, "app '" + app.name()
                + "' serves HTTP on port " + port + ", but this CamelContext's HTTP server is not configured for it"
                + " (Camel Main starts its HTTP server before it loads route files)",
                "add to the application's application.properties: " + String.join(" ", missing)));
    }
}
