package io.unikernal.udl.check;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks steps depth-first, into choose branches and split bodies. */
final class StepWalk {

    private StepWalk() {
    }

    static void forEach(List<Step> steps, Consumer<Step> visitor) {
        for (Step step : steps) {
            visitor.accept(step);
            if (step instanceof Step.Choose choose) {
                choose.whens().forEach(w -> forEach(w.steps(), visitor));
                forEach(choose.otherwise(), visitor);
            } else if (step instanceof Step.Split split) {
                forEach(split.steps(), visitor);
            }
        }
    }

    /** Every target a route sends to: its to steps (anywhere) and its deadLetter. */
    static List<EndpointRef> targets(RouteDecl route) {
        List<EndpointRef> targets = new ArrayList<>();
        forEach(route.steps(), s -> {
            if (s instanceof Step.To to) {
                targets.addAll(to.targets());
            } else if (s instanceof Step.Route r) {
                r.rules().forEach(rule -> targets.add(new EndpointRef(rule.to(), java.util.Map.of(), rule.pos())));
                r.weights().forEach(w -> targets.add(new EndpointRef(w.to(), java.util.Map.of(), w.pos())));
                if (r.adaptive() != null) {
                    r.adaptive().targets().forEach(t -> targets.add(new EndpointRef(t, java.util.Map.of(),
                            r.adaptive().pos())));
                }
            } else if (s instanceof Step.FanOut fan) {
                targets.addAll(fan.targets());
            }
        });
        if (route.deadLetter() != null) {
            targets.add(route.deadLetter());
        }
        return targets;
    }
}
