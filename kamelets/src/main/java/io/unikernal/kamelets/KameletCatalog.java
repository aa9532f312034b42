package io.unikernal.kamelets;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.spec.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog of Unikernal Kamelets, generated from the installed adapters' declarations: a source Kamelet for every
 * adapter that can be a source and a sink Kamelet for every one that can be a target, each exposing the adapter's
 * scalar options that are required or have a default as Kamelet properties (the rest keep the adapter's behaviour
 * when absent), plus the {@link ActionKamelets action} Kamelets. Each is compiled by the same compiler as any UDL
 * app, so the catalog cannot drift from what the adapters do; what cannot be generated is listed with the reason.
 */
public final class KameletCatalog {

    /** An entry not generated, and why. */
    public record Skipped(String name, String reason) {
    }

    public record Result(List<Kamelet> kamelets, List<Skipped> skipped) {
    }

    private final Adapters adapters;

    public KameletCatalog(Adapters adapters) {
        this.adapters = adapters;
    }

    public static String sourceName(String adapter) {
        return "unikernal-" + adapter + "-source";
    }

    public static String sinkName(String adapter) {
        return "unikernal-" + adapter + "-sink";
    }

    public Result generate() {
        List<Kamelet> kamelets = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Adapter adapter : adapters.all().values()) {
            if (adapter.source().isPresent()) {
                add(sourceName(adapter.name()), adapter, true, kamelets, skipped);
            }
            if (adapter.target().isPresent()) {
                add(sinkName(adapter.name()), adapter, false, kamelets, skipped);
            }
        }
        ActionKamelets actions = new ActionKamelets(adapters);
        actions.generate(kamelets, skipped);
        kamelets.sort(java.util.Comparator.comparing(Kamelet::name));
        skipped.sort(java.util.Comparator.comparing(Skipped::name));
        return new Result(kamelets, skipped);
    }

    private void add(String name, Adapter adapter, boolean source, List<Kamelet> kamelets, List<Skipped> skipped) {
        List<Option<?>> useOptions = source ? Adapters.sourceOptions(adapter) : Adapters.targetOptions(adapter);
        List<SyntheticUdl.Exposed> exposed = SyntheticUdl.expose(adapter.systemOptions(), useOptions);
        Set<String> required = new TreeSet<>();
        for (Option<?> o : adapter.systemOptions()) {
            if (o.key().required() && !SyntheticUdl.exposable(o)) {
                required.add(o.name());
            }
        }
        for (Option<?> o : useOptions) {
            if (o.key().required() && !o.name().equals("system") && !SyntheticUdl.exposable(o)) {
                required.add(o.name());
            }
        }
        if (!required.isEmpty()) {
            skipped.add(new Skipped(name, "required option(s) " + required + " cannot be a Kamelet property"
                    + " (not a single text, number or duration)"));
            return;
        }
        for (int attempt = 0; attempt <= exposed.size(); attempt++) {
            SyntheticUdl udl = udl(adapter, source, exposed);
            ParseResult parsed = new UdlParser(adapters).parse(name + ".udl.yaml", udl.text());
            List<UdlError> errors = parsed.errors();
            if (errors.isEmpty()) {
                compiled(name, adapter, source, parsed, exposed, kamelets, skipped);
                return;
            }
            SyntheticUdl.Exposed culprit = errors.stream().map(e -> udl.at(e.pos().line())).filter(e -> e != null)
                    .filter(e -> !e.key().required()).findFirst().orElse(null);
            if (culprit == null) {
                skipped.add(new Skipped(name, "does not compile from its declarations: " + errors.get(0).headline()));
                return;
            }
            // an option whose check needs a literal value keeps its default (not a property)
            exposed = new ArrayList<>(exposed);
            exposed.remove(culprit);
        }
    }

    private static SyntheticUdl udl(Adapter adapter, boolean source, List<SyntheticUdl.Exposed> exposed) {
        SyntheticUdl udl = new SyntheticUdl().line("systems:").line("  it:").line("    adapter: " + adapter.name())
                .options(exposed, SyntheticUdl.Place.SYSTEM, "    ");
        udl.line("  kamelet:").line("    adapter: direct")
                .line("    name: " + (source ? "kamelet-sink" : "kamelet-source"));
        udl.line("routes:").line("  - name: kamelet");
        if (source) {
            udl.line("    from:").line("      system: it").options(exposed, SyntheticUdl.Place.USE, "      ")
                    .line("    steps:").line("      - to: kamelet");
        } else {
            udl.line("    from: kamelet").line("    steps:").line("      - to:").line("          system: it")
                    .options(exposed, SyntheticUdl.Place.USE, "          ");
        }
        return udl;
    }

    private void compiled(String name, Adapter adapter, boolean source, ParseResult parsed,
            List<SyntheticUdl.Exposed> exposed, List<Kamelet> kamelets, List<Skipped> skipped) {
        CompiledApp app;
        try {
            app = new UdlCompiler(adapters).compile(parsed.document(), Path.of("."), CompileOptions.DEFAULT);
        } catch (RuntimeException e) {
            skipped.add(new Skipped(name, "does not compile from its declarations: " + e.getMessage()));
            return;
        }
        List<String> appProperties = app.properties().keySet().stream()
                .filter(k -> !k.equals("camel.main.name") && !k.equals("camel.main.logMask")).sorted().toList();
        if (!appProperties.isEmpty()) {
            skipped.add(new Skipped(name, "needs application properties a Kamelet cannot carry: " + appProperties));
            return;
        }
        TemplateBuilder.Template t = new TemplateBuilder(app).template("kamelet").orElseThrow();
        Map<String, KameletProperty> known = new LinkedHashMap<>();
        for (SyntheticUdl.Exposed e : exposed) {
            var key = e.key();
            known.put(e.name(), new KameletProperty(e.name(), title(e.name()), key.description(),
                    SyntheticUdl.jsonType(key.kind()), null, key.required(), key.secret()));
        }
        String role = source ? "Source" : "Sink";
        String description = adapter.info().description() + (source
                ? " As a Kamelet source: each message, normalised to a UDM message, goes to the Kamelet's sink."
                : " As a Kamelet sink: each message from the Kamelet's source is delivered.");
        kamelets.add(new Kamelet(name, t.type(), "Unikernal " + adapter.name() + " " + role, description,
                KameletExporter.properties(t.parameters(), known),
                KameletExporter.dependencies(List.of(KameletExporter.KERNEL_ARTIFACT, adapter.info().artifact())),
                t.template()));
    }

    /** {@code keyPrefix} → {@code Key Prefix}. */
    static String title(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
