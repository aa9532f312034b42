package io.unikernal.udl.check;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.Adapters;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.TestDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.PolicySpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The checks that need the whole document: references between its parts, names, what each adapter can do (and its
 * own {@code check}/{@code checkUse} hooks), listeners and queues, route cycles, schemas and expressions. Works on a
 * possibly incomplete model (parts with shape errors are missing) and never reports a consequence of a missing part.
 */
public final class SemanticChecker {

    private final Adapters adapters;

    public SemanticChecker(Adapters adapters) {
        this.adapters = adapters;
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
        new ListenerChecks(doc, adapters, problems).check();
        new ExpressionChecks(doc, problems).check();
        new SecretChecks(problems).check(doc);
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
        StepWalk.forEach(route.steps(), step -> {
            if (step instanceof Step.To to) {
                to.targets().forEach(t -> use(doc, t, false, problems));
            } else if (step instanceof Step.Validate v && v.schema() != null && !doc.schemas().containsKey(v.schema())) {
                problems.add(UdlMessages.unknownSchema(v.schemaPos(), v.schema(), doc.schemas().keySet()));
            } else if (step instanceof Step.Split split && split.steps().isEmpty()) {
                problems.add(UdlMessages.emptyBranch(split.pos()));
            } else if (step instanceof Step.FanOut fan) {
                fan.targets().forEach(t -> use(doc, t, false, problems));
                if (fan.targets().size() < 2) {
                    problems.add(UdlMessages.tooFewTargets(fan.pos(), "a fanOut", 2, fan.targets().size()));
                } else if (fan.needed() > fan.targets().size()) {
                    problems.add(UdlMessages.tooFewTargets(fan.pos(), "a quorum of " + fan.needed(), fan.needed(),
                            fan.targets().size()));
                }
            } else if (step instanceof Step.Route r) {
                r.rules().forEach(rule -> use(doc, new EndpointRef(rule.to(), Map.of(), rule.pos()), false, problems));
                r.weights().forEach(w -> use(doc, new EndpointRef(w.to(), Map.of(), w.pos()), false, problems));
                if (r.adaptive() != null) {
                    r.adaptive().targets().forEach(t -> use(doc, new EndpointRef(t, Map.of(), r.adaptive().pos()),
                            false, problems));
                    if (!r.rules().isEmpty() || !r.weights().isEmpty()) {
                        problems.add(UdlMessages.conflictingKeys(r.adaptive().pos(), "adaptive",
                                r.rules().isEmpty() ? "weights" : "rules", "an adaptive route step chooses by "
                                        + "measurement alone: put rules in a choose before it, drop weights"));
                    } else if (r.adaptive().targets().size() < 2) {
                        problems.add(UdlMessages.tooFewTargets(r.adaptive().pos(), "adaptive routing", 2,
                                r.adaptive().targets().size()));
                    }
                } else if (r.rules().isEmpty() && r.weights().isEmpty()) {
                    problems.add(UdlMessages.emptyBranch(r.pos()));
                }
                if (r.key() != null) {
                    try {
                        io.unikernal.expr.CelToRules.fieldPath(r.key());
                    } catch (IllegalArgumentException e) {
                        problems.add(UdlMessages.badFieldPath(r.pos(), "key", e.getMessage()));
                    }
                }
                r.rules().stream().filter(rule -> io.unikernal.expr.CelToRules.conditions(rule.when().source()).isEmpty())
                        .forEach(rule -> problems.add(UdlMessages.routeRuleNotSimple(rule.when().pos())));
            } else if (step instanceof Step.Choose choose && route.engine() != null
                    && io.unikernal.expr.FirstMatchTable.of(choose.whens().stream()
                            .map(when -> when.condition().source()).toList()).isEmpty()) {
                problems.add(UdlMessages.engineFallback(choose.pos(), route.name(), route.engine()));
            }
        });
        Path udlFile = Path.of(doc.file()).toAbsolutePath();
        PolicyChecks policyChecks = new PolicyChecks(udlFile.getParent() == null ? Path.of(".") : udlFile.getParent(),
                problems);
        for (EndpointRef target : StepWalk.targets(route)) {
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
            if (source != null && !source.isRequestReply()) {
                problems.add(UdlMessages.replyWithoutCaller(route.reply().pos(), route.name(), route.from().system(),
                        source.name()));
            }
        }
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
        if (asSource && !adapter.canBeSource()) {
            problems.add(UdlMessages.notASource(ref.pos(), system.name(), adapter.name(),
                    adapterNames(Adapter::canBeSource)));
            return null;
        }
        if (!asSource && !adapter.canBeTarget()) {
            problems.add(UdlMessages.notATarget(ref.pos(), system.name(), adapter.name(),
                    adapterNames(Adapter::canBeTarget)));
            return null;
        }
        requiredUseOptions(system, adapter, ref, asSource, problems);
        adapter.checkUse(system, ref, asSource, problems);
        return adapter;
    }

    /**
     * An option the adapter declares required for this role (jdbc's {@code sql} as a target) must be in every use of
     * the system in that role, whatever its form: a bare name ({@code to: db}), a list item, a map, a route rule.
     */
    private static void requiredUseOptions(SystemDecl system, Adapter adapter, EndpointRef ref, boolean asSource,
            Problems problems) {
        List<OptionSpec> options = asSource ? adapter.sourceOptions() : adapter.targetOptions();
        for (OptionSpec option : options) {
            if (option.isRequired() && ref.option(option.name()) == null) {
                problems.add(UdlMessages.missingUseOption(ref.pos(), system.name(), adapter.name(),
                        asSource ? "source" : "target", option.name(), option.example(), option.description()));
            }
        }
    }

    /** Checks the idempotency store of a route ({@code ref} null: the embedded default). */
    private void keyStore(UdlDocument doc, RouteDecl route, EndpointRef ref, Problems problems) {
        if (ref == null) {
            Adapter fallback = adapters.get(PolicySpec.DEFAULT_KEY_STORE_ADAPTER);
            if (fallback == null || !fallback.canStoreProcessedKeys()) {
                problems.add(UdlMessages.noDefaultKeyStore(route.policy().idempotency().pos(), route.name(),
                        PolicySpec.DEFAULT_KEY_STORE_ADAPTER, adapterNames(Adapter::canStoreProcessedKeys)));
            }
            return;
        }
        SystemDecl system = doc.system(ref.system());
        if (system == null) {
            problems.add(UdlMessages.unknownSystem(ref.pos(), ref.system(), doc.systems().keySet()));
            return;
        }
        Adapter adapter = adapterOf(system);
        if (adapter != null && !adapter.canStoreProcessedKeys()) {
            problems.add(UdlMessages.notAKeyStore(ref.pos(), system.name(), adapter.name(),
                    adapterNames(Adapter::canStoreProcessedKeys)));
        }
    }

    private List<String> adapterNames(Predicate<Adapter> filter) {
        return adapters.all().values().stream().filter(filter).map(Adapter::name).toList();
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
