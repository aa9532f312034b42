package io.unikernal.compile.context;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.notation.Placeholders;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.plugins.Adapters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;

/** Collects the beans and properties adapters and steps contribute while one document is compiled. */
public final class DefaultCompileContext implements CompileContext {

    private final UdlDocument document;
    private final Path baseDir;
    private final boolean testMode;
    private final Adapters adapters;
    private final Map<String, BeanFactoryDefinition<?>> beans = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<RouteConfigurationDefinition> routeConfigurations = new ArrayList<>();
    private final List<org.apache.camel.model.RouteDefinition> extraRoutes = new ArrayList<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();
    private final java.util.Set<String> secretEnvNames = new java.util.TreeSet<>();
    private final java.util.Set<String> handedOut = new java.util.HashSet<>();
    private final java.util.Set<String> servedBySections = new java.util.HashSet<>();

    /** {@code testMode}: compiling for {@code unikernal test} (see {@code CompileOptions}). */
    public DefaultCompileContext(UdlDocument document, Path baseDir, boolean testMode, Adapters adapters) {
        this.document = document;
        this.baseDir = baseDir;
        this.testMode = testMode;
        this.adapters = adapters;
    }

    @Override
    public UdlDocument document() {
        return document;
    }

    public Adapters adapters() {
        return adapters;
    }

    /** The adapter of a system; the checks made sure it is installed, so its absence is a compiler defect. */
    public Adapter adapterOf(SystemDecl system) {
        Adapter adapter = adapters.get(system.adapter());
        if (adapter == null) {
            throw new IllegalStateException(system.pos() + ": adapter '" + system.adapter()
                    + "' is not installed (the document should have been checked before compiling)");
        }
        return adapter;
    }

    /** The source role of a system's adapter; the checks refuse any other use in from (NOT_A_SOURCE). */
    public SourceRole sourceRoleOf(SystemDecl system) {
        Adapter adapter = adapterOf(system);
        return adapter.source().orElseThrow(() -> new IllegalStateException(system.pos() + ": adapter '"
                + adapter.name() + "' cannot be a source (the document should have been checked before compiling)"));
    }

    /** The target role of a system's adapter; the checks refuse any other use in to (NOT_A_TARGET). */
    public TargetRole targetRoleOf(SystemDecl system) {
        Adapter adapter = adapterOf(system);
        return adapter.target().orElseThrow(() -> new IllegalStateException(system.pos() + ": adapter '"
                + adapter.name() + "' cannot be a target (the document should have been checked before compiling)"));
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public String text(OptionValue value, String fallback) {
        if (value == null || value.value() == null) {
            return fallback;
        }
        return toCamel(value.asString());
    }

    /**
     * UDL text as Camel text ({@link Placeholders#toCamel}); each {@code ${env:NAME}} whose name says it is secret
     * ({@code DB_PASSWORD}) is noted, wherever the text comes from, so its value is masked at run time.
     */
    @Override
    public String camelText(String udlText) {
        return toCamel(udlText);
    }

    public String toCamel(String udlText) {
        noteSecretEnvNames(udlText);
        return Placeholders.toCamel(udlText);
    }

    /** Notes the secret-like {@code ${env:NAME}} names of a UDL text that the runtime reads itself. */
    public void noteSecretEnvNames(String udlText) {
        Placeholders.envNames(udlText).stream().filter(io.unikernal.runtime.SecretMasker::looksLikeSecretName)
                .forEach(secretEnvNames::add);
    }

    /** The secret-like environment variable names the compiled text reads. */
    public java.util.Set<String> secretEnvNames() {
        return java.util.Collections.unmodifiableSet(secretEnvNames);
    }

    @Override
    public void addBean(String name, Class<?> type, Map<String, String> properties) {
        addBean(name, type, List.of(), properties);
    }

    @Override
    public void addBean(String name, Class<?> type, List<String> constructorArgs, Map<String, String> props) {
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(name);
        bean.setType(type.getName());
        if (!constructorArgs.isEmpty()) {
            Map<Integer, Object> ctor = new LinkedHashMap<>();
            for (int i = 0; i < constructorArgs.size(); i++) {
                ctor.put(i, constructorArgs.get(i));
            }
            bean.setConstructors(ctor);
        }
        if (!props.isEmpty()) {
            // a map without an order (Map.of) is sorted, so compiling one file twice writes the same YAML
            bean.setProperties(props instanceof LinkedHashMap || props instanceof java.util.SortedMap
                    ? new LinkedHashMap<>(props) : new LinkedHashMap<>(new java.util.TreeMap<>(props)));
        }
        addBean(bean);
    }

    @Override
    public void addBean(BeanFactoryDefinition<?> bean) {
        BeanFactoryDefinition<?> previous = beans.get(bean.getName());
        if (previous != null) {
            if (sameDefinition(previous, bean)) {
                return;
            }
            throw new IllegalStateException("two different beans are named '" + bean.getName() + "'");
        }
        beans.put(bean.getName(), bean);
    }

    private static boolean sameDefinition(BeanFactoryDefinition<?> a, BeanFactoryDefinition<?> b) {
        return Objects.equals(a.getType(), b.getType()) && Objects.equals(a.getConstructors(), b.getConstructors())
                && Objects.equals(a.getProperties(), b.getProperties())
                && Objects.equals(a.getInitMethod(), b.getInitMethod());
    }

    @Override
    public void addProperty(String key, String value) {
        String previous = properties.putIfAbsent(key, value);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException("application property '" + key + "' would be both '" + previous
                    + "' and '" + value + "'");
        }
    }

    @Override
    public String uniqueName(String hint) {
        String base = hint.replaceAll("[^A-Za-z0-9_-]", "-");
        // skip a numbered name another hint already took ("fan-out-a" twice is "fan-out-a-2", which route "a-2"
        // may also ask for)
        String name;
        do {
            int n = nameCounts.merge(base, 1, Integer::sum);
            name = n == 1 ? base : base + "-" + n;
        } while (!handedOut.add(name));
        return name;
    }

    @Override
    public boolean testMode() {
        return testMode;
    }

    /** Notes systems a section serves itself (before the adapters contribute, so they see it). */
    public void servedBySections(java.util.Collection<String> systems) {
        servedBySections.addAll(systems);
    }

    @Override
    public boolean servedBySection(SystemDecl system) {
        return servedBySections.contains(system.name());
    }

    public void addRouteConfiguration(RouteConfigurationDefinition configuration) {
        if (routeConfigurations.stream().noneMatch(c -> c.getId().equals(configuration.getId()))) {
            routeConfigurations.add(configuration);
        }
    }

    /** A route the compiler needs besides the UDL routes (a guarded call that retries as a whole, say). */
    public void addRoute(org.apache.camel.model.RouteDefinition route) {
        extraRoutes.add(route);
    }

    public List<org.apache.camel.model.RouteDefinition> extraRoutes() {
        return List.copyOf(extraRoutes);
    }

    public List<RouteConfigurationDefinition> routeConfigurations() {
        return List.copyOf(routeConfigurations);
    }

    public List<BeanFactoryDefinition<?>> beans() {
        return new ArrayList<>(beans.values());
    }

    public Map<String, String> properties() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
