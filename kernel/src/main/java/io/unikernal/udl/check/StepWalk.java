package io.unikernal.udl.check;

import io.unikernal.plugins.StepKinds;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks steps depth-first, into the step lists each kind nests (choose branches, split bodies). */
final class StepWalk {

    private final StepKinds kinds;

    StepWalk(StepKinds kinds) {
        this.kinds = kinds;
    }

    void forEach(List<Step> steps, Consumer<Step> visitor) {
        for (Step step : steps) {
            visitor.accept(step);
            for (List<Step> nested : kinds.of(step).children(step)) {
                forEach(nested, visitor);
            }
        }
    }

    /** Every target a route sends to: what its steps (anywhere) send to, and its deadLetter. */
    List<EndpointRef> targets(RouteDecl route) {
        List<EndpointRef> targets = new ArrayList<>();
        forEach(route.steps(), s -> targets.addAll(kinds.of(s).targets(s)));
        if (route.deadLetter() != null) {
            targets.add(route.deadLetter());
        }
        return targets;
    }

    /** The step's kind, typed for a call with the step. */
    <S extends Step> StepKind<S> kindOf(S step) {
        return kinds.of(step);
    }
}
