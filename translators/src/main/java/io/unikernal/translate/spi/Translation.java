package io.unikernal.translate.spi;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SourcePos;
import java.time.Duration;

/**
 * One item of {@code translations:}: a system that exposes a protocol ({@code expose}) and the system called in
 * another ({@code target}), the mapping derived from the target's contract.
 *
 * @param name     the translation's name (its route id is {@code translation-<name>})
 * @param expose   the exposing system as a source use; its options are the kind's (e.g. {@code path})
 * @param protocol the protocol exposed ({@code rest})
 * @param target   the system called, as a target use (no per-call options: the contract gives the methods)
 * @param timeout  the longest a call may take when the caller gives no shorter deadline; null: none of its own
 * @param deadLetter where a bridge puts what its target refuses (a system, as a route's deadLetter); null: none
 * @param pos      where the item starts
 * @param input    the item as written, for the keys a kind declares itself ({@link TranslationKind#itemKeys()}):
 *                 {@code input.read(option)}, {@code input.get("expose")}, with their positions
 */
public record Translation(String name, EndpointRef expose, String protocol, EndpointRef target, Duration timeout,
        EndpointRef deadLetter, SourcePos pos, StepInput input) {

    /** The item's {@code expose:} as written (for {@link TranslationKind#exposeKeys()}). */
    public StepInput exposeInput() {
        return input.get("expose").orElseThrow();
    }

    /** The item's {@code target:} as written (for {@link TranslationKind#targetKeys()}). */
    public StepInput targetInput() {
        return input.get("target").orElseThrow();
    }
}
