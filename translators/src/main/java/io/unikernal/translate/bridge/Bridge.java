package io.unikernal.translate.bridge;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.translate.spi.Translation;
import io.unikernal.translate.spi.AdapterPairKind;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.SystemDecl;
import java.time.Duration;
import java.util.List;

/**
 * A bridge between two brokers: what the exposed system's source delivers is published by the target system's
 * target, at least once. It compiles to one ordinary route ({@code translation-<name>}: from the source, to the
 * target, the translation's {@code deadLetter} as the route's), so the adapters' own source and target roles do the
 * work — the source commits or acks only after the route finished the message, that is after the target confirmed
 * it — and the kernel's failure handling dead-letters what the target refuses, with the reason.
 */
abstract class Bridge extends AdapterPairKind {

    static final ProblemCode WRONG_SOURCE = new PluginProblemCode("TRANSLATE", 4,
            "a bridge is exposed on a system of another adapter than its protocol's");

    /**
     * A failed publish (a broker away, a nack, a confirm that did not come) is tried again for about a minute before
     * it is dead-lettered: the source holds the message meanwhile (no commit, no ack), so a broker restart is ridden
     * out. 30 attempts fit Kafka's default max.poll.interval (5 min) with the default batch of records.
     */
    static final PolicyDecl.Retry RETRY = new PolicyDecl.Retry(30, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0,
            true, null);

    Bridge(String protocol, String sourceAdapter, String targetAdapter) {
        super(protocol, sourceAdapter, targetAdapter);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(WRONG_SOURCE);
    }

    @Override
    public void check(Translation translation, SystemDecl expose, SystemDecl target, SectionChecks checks) {
        exposedOnItsAdapter(translation, expose, checks, WRONG_SOURCE, "bridge", "consumes from");
        checks.useAsTarget(translation.target());
        if (translation.deadLetter() != null) {
            checks.useAsTarget(translation.deadLetter());
        }
    }

    /** The target use as published to: the translation's, plus what the direction carries over (e.g. the key). */
    EndpointRef target(EndpointRef written) {
        return written;
    }

    @Override
    public void compile(Translation translation, SystemDecl expose, SystemDecl target, SectionCompilation compilation) {
        PolicyDecl policy = new PolicyDecl(null, null, null, new PolicyDecl.Retry(RETRY.attempts(), RETRY.initial(),
                RETRY.max(), RETRY.multiplier(), RETRY.jitter(), translation.pos()), null, null, null, null,
                translation.pos());
        compilation.route(new RouteDecl("translation-" + translation.name(), null, translation.expose(),
                List.of(new Step.To(List.of(target(translation.target())), translation.target().pos())), null,
                translation.deadLetter(), policy, translation.pos()));
    }
}
