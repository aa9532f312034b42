package io.unikernal.kamelets;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code unikernal export --kamelet}: one Kamelet per UDL route, cut from the compiled app. A route becomes a source
 * Kamelet; one that consumes the {@code direct} endpoint {@code kamelet-source} becomes a sink, or an action when it
 * also sends to the {@code direct} endpoint {@code kamelet-sink}. Every {@code ${env:NAME:default}} and
 * {@code ${secret:NAME}} the route uses becomes a Kamelet property (a secret one with password descriptors).
 */
public final class KameletExporter {

    public static final String KERNEL_ARTIFACT = "io.unikernal:unikernal-kernel";

    private final Adapters adapters;

    public KameletExporter(Adapters adapters) {
        this.adapters = adapters;
    }

    /** The Kamelets of every route of the app. */
    public List<Kamelet> export(UdlDocument doc, CompiledApp app) {
        TemplateBuilder builder = new TemplateBuilder(app);
        List<Kamelet> out = new ArrayList<>();
        for (RouteDecl route : doc.routes()) {
            TemplateBuilder.Template t = builder.template(route.name()).orElseThrow(() -> new IllegalStateException(
                    "the compiled app has no route '" + route.name() + "'"));
            String description = route.description() != null ? route.description()
                    : "Route '" + route.name() + "' of the UDL app '" + doc.name() + "', exported by Unikernal.";
            out.add(new Kamelet(kubernetesName(doc.name() + "-" + route.name()), t.type(), doc.name() + " "
                    + route.name(), description, properties(t.parameters(), Map.of()), dependencies(doc),
                    t.template()));
        }
        return out;
    }

    /**
     * The Kamelet properties for the parameters a template uses; {@code known} gives the title, description and
     * JSON type of a parameter that comes from a declared option.
     */
    static List<KameletProperty> properties(List<Placeholders.Found> found, Map<String, KameletProperty> known) {
        List<KameletProperty> out = new ArrayList<>();
        for (Placeholders.Found f : found) {
            KameletProperty hint = known.get(f.name());
            String title = hint != null ? hint.title() : f.name();
            String description = hint != null ? hint.description()
                    : (f.secret() ? "The secret ${secret:" : "The value of ${env:") + f.name() + "} in the UDL app.";
            String type = hint != null ? hint.type() : "string";
            out.add(new KameletProperty(f.name(), title, description, type, f.defaultValue(),
                    f.defaultValue() == null, f.secret() || hint != null && hint.secret()));
        }
        return out;
    }

    /** {@code mvn:} dependencies on the Unikernal jars the app's systems need, plus camel:kamelet. */
    public List<String> dependencies(UdlDocument doc) {
        TreeSet<String> artifacts = new TreeSet<>();
        artifacts.add(KERNEL_ARTIFACT);
        for (SystemDecl system : doc.systems().values()) {
            Adapter adapter = adapters.get(system.adapter());
            if (adapter != null) {
                artifacts.add(adapter.info().artifact());
            }
        }
        return dependencies(artifacts);
    }

    static List<String> dependencies(java.util.Collection<String> artifacts) {
        List<String> out = new ArrayList<>();
        out.add("camel:kamelet");
        new TreeSet<>(artifacts).forEach(a -> out.add("mvn:" + a + ":" + version()));
        return out;
    }

    /** The Unikernal version the Kamelets' dependencies name (this jar's). */
    public static String version() {
        try (InputStream in = KameletExporter.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Kubernetes object name: lowercase letters, digits and '-'. */
    public static String kubernetesName(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        return name.isEmpty() ? "unikernal" : name;
    }
}
