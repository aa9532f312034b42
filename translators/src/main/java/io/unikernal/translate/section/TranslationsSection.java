package io.unikernal.translate.section;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepInput;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.TranslationKind;
import io.unikernal.translate.spi.TranslationKinds;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.UdlKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code translations:} (UPT): each item exposes a protocol on a system and calls another system in its own
 * protocol, the mapping derived from the target's contract. The section checks what every translation shares (a
 * unique name, systems that exist and can serve or be called, an installed kind for the pair, no path another route
 * or translation serves) and hands each item to its {@link TranslationKind}.
 */
public final class TranslationsSection implements SectionKind<TranslationsSection.Translations> {

    /** The model of the section. */
    public record Translations(List<Translation> items) {
    }

    private final TranslationKinds kinds = TranslationKinds.installed();
    private final TranslationsSpec spec = new TranslationsSpec();

    @Override
    public UdlKey key() {
        return spec.key();
    }

    @Override
    public Class<Translations> modelType() {
        return Translations.class;
    }

    @Override
    public Translations bind(StepInput input) {
        List<Translation> items = new ArrayList<>();
        for (StepInput item : input.items()) {
            Optional<StepInput> expose = item.get(TranslationsSpec.EXPOSE);
            Optional<StepInput> target = item.get(TranslationsSpec.TARGET);
            String name = item.read(TranslationsSpec.NAME);
            String exposed = expose.flatMap(e -> e.get(TranslationsSpec.SYSTEM.name())).map(StepInput::text)
                    .orElse(null);
            String called = target.flatMap(t -> t.get(TranslationsSpec.SYSTEM.name())).map(StepInput::text)
                    .orElse(null);
            if (!item.isMap() || name == null || exposed == null || called == null) {
                continue; // the shape check reported it
            }
            String protocol = expose.get().read(TranslationsSpec.PROTOCOL);
            Map<String, OptionValue> options = useOptions(expose.get());
            if (protocol.equals("rest") || expose.get().get(TranslationsSpec.PATH.name()).isPresent()) {
                String path = expose.get().read(TranslationsSpec.PATH);
                options.put(TranslationsSpec.PATH.name(), new OptionValue(path, expose.get()
                        .get(TranslationsSpec.PATH.name()).map(StepInput::pos).orElse(expose.get().pos())));
            }
            EndpointRef deadLetter = item.get(TranslationsSpec.DEAD_LETTER.name())
                    .map(d -> new EndpointRef(d.text(), Map.of(), d.pos())).orElse(null);
            items.add(new Translation(name, new EndpointRef(exposed, options, expose.get().keyPos("system")),
                    protocol, new EndpointRef(called, useOptions(target.get()), target.get().keyPos("system")),
                    item.read(TranslationsSpec.TIMEOUT), deadLetter, item.pos(), item));
        }
        return new Translations(List.copyOf(items));
    }

    /** The bridge options written on a use ({@code queue}, {@code exchange}, {@code routingKey}), at their places. */
    private static Map<String, OptionValue> useOptions(StepInput use) {
        Map<String, OptionValue> options = new LinkedHashMap<>();
        for (var option : TranslationsSpec.USE_OPTIONS) {
            use.get(option.name()).ifPresent(v -> options.put(option.name(), new OptionValue(v.text(), v.pos())));
        }
        return options;
    }

    @Override
    public void check(Translations section, SectionChecks checks) {
        Map<String, SourcePos> names = new HashMap<>();
        Adapters adapters = Adapters.installed();
        List<Served> served = routeChannels(checks, adapters);
        for (Translation translation : section.items()) {
            SourcePos first = names.putIfAbsent(translation.name(), translation.pos());
            if (first != null) {
                checks.problems().add(UdlMessages.duplicateName(translation.pos(), "translation",
                        translation.name(), first.line()));
            }
            SystemDecl expose = checks.document().system(translation.expose().system());
            SystemDecl target = checks.document().system(translation.target().system());
            if (target == null) {
                checks.problems().add(UdlMessages.unknownSystem(translation.target().pos(),
                        translation.target().system(), checks.document().systems().keySet()));
            }
            Optional<TranslationKind> kind = target == null ? Optional.empty()
                    : kinds.find(translation.protocol(), target.adapter());
            boolean exposable = kind.isPresent() && kind.get().exposesWholeSystem()
                    ? exists(translation.expose(), checks) : checks.useAsSource(translation.expose());
            if (!exposable || target == null || adapters.get(target.adapter()) == null) {
                continue;
            }
            if (kind.isEmpty()) {
                List<String> callable = kinds.targetsOf(translation.protocol());
                checks.problems().error(TranslationsSpec.NO_KIND, translation.target().pos(), "no translation "
                        + "exposes " + translation.protocol() + " for system " + target.name() + " (adapter "
                        + target.adapter() + "): its contract is not one UPT reads", callable.isEmpty()
                        ? "no installed translation exposes " + translation.protocol()
                        : translation.protocol() + " translations call systems of adapter " + String.join(", ",
                                callable));
                continue;
            }
            if (!kind.get().exposesWholeSystem()) {
                clashes(translation, expose, adapters, served, checks);
            }
            kind.get().check(translation, expose, target, checks);
        }
    }

    private static boolean exists(EndpointRef system, SectionChecks checks) {
        if (checks.document().system(system.system()) != null) {
            return true;
        }
        checks.problems().add(UdlMessages.unknownSystem(system.pos(), system.system(),
                checks.document().systems().keySet()));
        return false;
    }

    /** What a route or a translation serves, for the path checks. */
    private record Served(Channel channel, String what, SourcePos pos) {
    }

    private static List<Served> routeChannels(SectionChecks checks, Adapters adapters) {
        List<Served> served = new ArrayList<>();
        for (RouteDecl route : checks.document().routes()) {
            if (route.from() == null) {
                continue;
            }
            channel(checks.document().system(route.from().system()), route.from(), adapters)
                    .ifPresent(c -> served.add(new Served(c, "route " + route.name(), route.from().pos())));
        }
        return served;
    }

    private static Optional<Channel> channel(SystemDecl system, EndpointRef use, Adapters adapters) {
        Adapter adapter = system == null ? null : adapters.get(system.adapter());
        return adapter == null ? Optional.empty()
                : adapter.source().flatMap(source -> source.consumes(system, use));
    }

    /**
     * A translation serves every path under its own: a route or another translation on that path, or under it, would
     * take some of its requests (or be shadowed by it).
     */
    private static void clashes(Translation translation, SystemDecl expose, Adapters adapters, List<Served> served,
            SectionChecks checks) {
        Optional<Channel> mine = channel(expose, translation.expose(), adapters);
        if (mine.isEmpty()) {
            return;
        }
        for (Served other : served) {
            if (overlaps(mine.get(), other.channel())) {
                checks.problems().error(TranslationsSpec.PATH_CLASH, translation.expose().pos(), "translation "
                        + translation.name() + " serves " + mine.get().address() + " and every path under it, which"
                        + " " + other.what() + " (line " + other.pos().line() + ") serves too: "
                        + other.channel().display(), "give the translation a path of its own");
            }
        }
        served.add(new Served(mine.get(), "translation " + translation.name(), translation.pos()));
    }

    private static boolean overlaps(Channel prefix, Channel other) {
        if (!prefix.transport().equals(other.transport())) {
            return false;
        }
        String base = prefix.address().endsWith("/") ? prefix.address() : prefix.address() + "/";
        String path = other.address().endsWith("/") ? other.address() : other.address() + "/";
        return path.startsWith(base);
    }

    @Override
    public void compile(Translations section, SectionCompilation compilation) {
        for (Translation translation : section.items()) {
            SystemDecl expose = compilation.context().document().system(translation.expose().system());
            SystemDecl target = compilation.context().document().system(translation.target().system());
            kinds.find(translation.protocol(), target.adapter()).orElseThrow()
                    .compile(translation, expose, target, compilation);
        }
    }

    @Override
    public List<ProblemCode> problemCodes() {
        List<ProblemCode> codes = new ArrayList<>(TranslationsSpec.CODES);
        kinds.all().forEach(kind -> codes.addAll(kind.problemCodes()));
        return codes.stream().distinct().toList(); // kinds of one family (the two bridges) share their codes
    }
}
