package io.unikernal.udl.check;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.TestDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.Option;
import io.unikernal.spi.adapter.Capability;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that need the whole document: references between its parts, names, what each adapter can do (and its
 * own {@code check}/{@code checkUse} hooks), listeners and queues, route cycles, schemas and expressions. Works on a
 * possibly incomplete model (parts with shape errors are missing) and never reports a consequence of a missing part.
 */
public final class SemanticChecker {

    private final Adapters adapters;
    private final Language language;
    private final StepWalk walk;

    public SemanticChecker(Adapters adapters) {
        this(adapters, Language.installed());
    }

    public SemanticChecker(Adapters adapters, Language language) {
        this.adapters = adapters;
        this.language = language;
        this.walk = new StepWalk(language.stepKinds());
    }

    public void check(UdlDocument doc, Problems problems) {
        for (SystemDecl system : doc.systems().values()) {
            Adapter adapter = adapterOf(system);
            if (adapter != null) {
                adapter.check(system, problems);
            }
        }
        new SchemaChecks(problems).check(doc);
        uniqueNames(doc, problems);
        for (RouteDecl route : doc.routes()) {
            checkRoute(doc, route, problems);
        }
        for (TestDecl test : doc.tests()) {
            checkTest(doc, test, problems);
        }
        checkSections(doc, problems);
        new ListenerChecks(doc, adapters, walk, problems).check();
        new ExpressionChecks(doc, problems, walk).check();
        new SecretChecks(problems).check(doc);
    }

    /** Each plug-in section of the file, by its kind. */
    private void checkSections(UdlDocument doc, Problems problems) {
        for (SectionKind<?> kind : language.sectionKinds().all()) {
            Object model = doc.sections().get(kind.name());
            if (model != null) {
                checkSection(kind, model, doc, problems);
            }
        }
    }

    private <M> void checkSection(SectionKind<M> kind, Object model, UdlDocument doc, Problems problems) {
        kind.check(kind.modelType().cast(model), new Checks(doc, null, problems));
    }

    private Adapter adapterOf(SystemDecl system) {
        return system == null || system.adapter() == null ? null : adapters.get(system.adapter());
    }

    private void uniqueNames(UdlDocument doc, Problems problems) {
        Map<String, SourcePos> routes = new HashMap<>();
        for (RouteDecl route : doc.routes()) {
            if (route.name() != null) {
                SourcePos first = routes.putIfAbsent(route.name(), route.pos());
                if (first != null) {
                    problems.add(UdlMessages.duplicateName(route.pos(), "route", route.name(), first.line()));
                }
            }
        }
        Map<String, SourcePos> tests = new HashMap<>();
        for (TestDecl test : doc.tests()) {
            if (test.name() != null) {
                SourcePos first = tests.putIfAbsent(test.name(), test.pos());
                if (first != null) {
                    problems.add(UdlMessages.duplicateName(test.pos(), "test", test.name(), first.line()));
                }
            }
        }
    }

    private void checkRoute(UdlDocument doc, RouteDecl route, Problems problems) {
        Adapter source = null;
        if (route.from() != null) {
            source = use(doc, route.from(), true, problems);
        }
        StepChecks checks = new Checks(doc, route, problems);
        walk.forEach(route.steps(), step -> checkStep(step, checks));
        Path udlFile = Path.of(doc.file()).toAbsolutePath();
        PolicyChecks policyChecks = new PolicyChecks(udlFile.getParent() == null ? Path.of(".") : udlFile.getParent(),
                problems);
        for (EndpointRef target : walk.targets(route)) {
            if (target.policy() != null && target != route.deadLetter()) {
                policyChecks.checkTarget(target.policy(), ref -> use(doc, ref, false, problems));
            }
        }
        if (route.deadLetter() != null) {
            use(doc, route.deadLetter(), false, problems);
            if (route.deadLetter().policy() != null) {
                problems.add(UdlMessages.conflictingKeys(route.deadLetter().pos(), "deadLetter", "policy",
                        "the dead-letter destination is written to once, unguarded (a failure there is logged); "
                                + "remove its policy"));
            }
        }
        if (route.policy() != null) {
            Path file = Path.of(doc.file()).toAbsolutePath();
            new PolicyChecks(file.getParent() == null ? Path.of(".") : file.getParent(), problems)
                    .check(route, ref -> use(doc, ref, false, problems), ref -> keyStore(doc, route, ref, problems));
        }
        if (route.steps().isEmpty() && route.reply() == null && route.name() != null) {
            problems.add(UdlMessages.emptyRoute(route.pos(), route.name()));
        }
        if (route.reply() != null) {
            if (source != null && !source.source().map(r -> r.has(Capability.REQUEST_REPLY)).orElse(false)) {
                problems.add(UdlMessages.replyWithoutCaller(route.reply().pos(), route.name(), route.from().system(),
                        source.name()));
            }
        }
    }

    /** What step and section kinds' checks see: the document, the route (of a step), problems, the use checks. */
    private final class Checks implements StepChecks, SectionChecks {
        private final UdlDocument doc;
        private final RouteDecl route;
        private final Problems problems;

        Checks(UdlDocument doc, RouteDecl route, Problems problems) {
            this.doc = doc;
            this.route = route;
            this.problems = problems;
        }

        @Override
        public UdlDocument document() {
            return doc;
        }

        @Override
        public RouteDecl route() {
            return route;
        }

        @Override
        public Problems problems() {
            return problems;
        }

        @Override
        public boolean useAsSource(EndpointRef source) {
            return use(doc, source, true, problems) != null;
        }

        @Override
        public boolean useAsTarget(EndpointRef target) {
            return use(doc, target, false, problems) != null;
        }
    }

    private <S extends Step> void checkStep(S step, StepChecks checks) {
        walk.kindOf(step).check(step, checks);
    }

    /** Checks one use of a system; returns its adapter when the use is valid so far. */
    private Adapter use(UdlDocument doc, EndpointRef ref, boolean asSource, Problems problems) {
        SystemDecl system = doc.system(ref.system());
        if (system == null) {
            problems.add(UdlMessages.unknownSystem(ref.pos(), ref.system(), doc.systems().keySet()));
            return null;
        }
        Adapter adapter = adapterOf(system);
        if (adapter == null) {
            return null;
        }
        if (asSource && adapter.source().isEmpty()) {
            problems.add(UdlMessages.notASource(ref.pos(), system.name(), adapter.name(),
                    adapters.names(a -> a.source().isPresent())));
            return null;
        }
        if (!asSource && adapter.target().isEmpty()) {
            problems.add(UdlMessages.notATarget(ref.pos(), system.name(), adapter.name(),
                    adapters.names(a -> a.target().isPresent())));
            return null;
        }
        requiredUseOptions(system, adapter, ref, asSource, problems);
        if (asSource) {
            adapter.source().orElseThrow().checkUse(system, ref, problems);
        } else {
            adapter.target().orElseThrow().checkUse(system, ref, problems);
        }
        return adapter;
    }

    /**
     * An option the adapter declares required for this role (jdbc's {@code sql} as a target) must be in every use of
     * the system in that role, whatever its form: a bare name ({@code to: db}), a list item, a map, a route rule.
     */
    private static void requiredUseOptions(SystemDecl system, Adapter adapter, EndpointRef ref, boolean asSource,
            Problems problems) {
        List<Option<?>> options = asSource ? Adapters.sourceOptions(adapter) : Adapters.targetOptions(adapter);
        for (Option<?> option : options) {
            if (option.key().required() && ref.option(option.name()) == null) {
                problems.add(UdlMessages.missingUseOption(ref.pos(), system.name(), adapter.name(),
                        asSource ? "source" : "target", option.name(), option.key().example(),
                        option.key().description()));
            }
        }
    }

    /** Checks the idempotency store of a route ({@code ref} null: the embedded default). */
    private void keyStore(UdlDocument doc, RouteDecl route, EndpointRef ref, Problems problems) {
        if (ref == null) {
            if (adapters.embeddedKeyStore().isEmpty()) {
                problems.add(UdlMessages.noDefaultKeyStore(route.policy().idempotency().pos(), route.name(),
                        adapters.names(a -> a.keyStore().isPresent())));
            }
            return;
        }
        SystemDecl system = doc.system(ref.system());
        if (system == null) {
            problems.add(UdlMessages.unknownSystem(ref.pos(), ref.system(), doc.systems().keySet()));
            return;
        }
        Adapter adapter = adapterOf(system);
        if (adapter != null && adapter.keyStore().isEmpty()) {
            problems.add(UdlMessages.notAKeyStore(ref.pos(), system.name(), adapter.name(),
                    adapters.names(a -> a.keyStore().isPresent())));
        }
    }

    private void checkTest(UdlDocument doc, TestDecl test, Problems problems) {
        if (test.route() != null && doc.route(test.route()) == null) {
            problems.add(UdlMessages.unknownRoute(test.pos(), test.route(),
                    doc.routes().stream().map(RouteDecl::name).filter(n -> n != null).toList()));
        }
        for (String system : test.expect().sent().keySet()) {
            if (doc.system(system) == null) {
                problems.add(UdlMessages.unknownSystem(test.expect().pos(), system, doc.systems().keySet()));
            }
        }
    }
}
