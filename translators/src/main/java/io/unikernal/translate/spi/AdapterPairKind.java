package io.unikernal.translate.spi;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.SystemDecl;

/**
 * A kind exposed on a system of one adapter (its protocol's: a Kafka bridge consumes from a {@code kafka} system, a
 * WebSocket bridge listens on a {@code websocket} system) and calling systems of another: the pair, and the check
 * that the exposing system is of the right adapter.
 */
public abstract class AdapterPairKind implements TranslationKind {

    private final String protocol;
    private final String exposedAdapter;
    private final String targetAdapter;

    protected AdapterPairKind(String protocol, String exposedAdapter, String targetAdapter) {
        this.protocol = protocol;
        this.exposedAdapter = exposedAdapter;
        this.targetAdapter = targetAdapter;
    }

    @Override
    public final String protocol() {
        return protocol;
    }

    @Override
    public final String targetAdapter() {
        return targetAdapter;
    }

    /**
     * False, with {@code code} at the item's {@code expose}, when the exposing system is of another adapter than the
     * protocol's; {@code role} says what the kind does with it ("consumes from", "listens on").
     */
    protected final boolean exposedOnItsAdapter(Translation translation, SystemDecl expose, SectionChecks checks,
            ProblemCode code, String what, String role) {
        if (expose.adapter().equals(exposedAdapter)) {
            return true;
        }
        checks.problems().error(code, translation.expose().pos(), "system " + expose.name() + " (adapter "
                + expose.adapter() + ") cannot expose " + protocol + ": a " + protocol + " " + what + " " + role
                + " a system of adapter " + exposedAdapter, "expose the " + what + " on a system of adapter "
                + exposedAdapter);
        return false;
    }
}
