package io.unikernal.spi.step;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;

/**
 * A parsed UDL value as a plug-in sees it while binding its model: a scalar, a map or a list, with positions, and the
 * kernel's readers for what steps and sections are made of (expressions, nested steps, uses of systems). Readers are
 * lenient: a value of the wrong shape reads as absent (the shape check has reported it).
 */
public interface StepInput {

    /** Where the value starts. */
    SourcePos pos();

    /** Where the item holding the value starts: a step item ({@code - validate: Order}), a section's key. */
    SourcePos itemPos();

    /** Where {@code key} of this map is written (its key, not its value); {@link #pos()} when absent. */
    SourcePos keyPos(String key);

    boolean isScalar();

    boolean isMap();

    boolean isList();

    /** A scalar's text; null for a map, a list or null. */
    String text();

    /** A scalar as a CEL expression with exact positions; null when not a scalar. */
    Expr expression();

    /** The value of {@code key} in a map; empty when absent, null or not a map. */
    Optional<StepInput> get(String key);

    /** The keys of a map in file order; empty for anything else. */
    List<String> keys();

    /** The items of a list; empty for anything else. */
    List<StepInput> items();

    /** A declared option of this map: its value when it fits the declaration, else its default. */
    <T> T read(Option<T> option);

    /** This value as a list of steps (the kernel binds each with its kind). */
    List<Step> steps();

    /** This value as uses of systems: a name, a map {system, ...options}, or a list of those. */
    List<EndpointRef> endpoints();

    /** The value as plain Java (String, Long, Double, Boolean, List, Map), for free-form values. */
    Object toJava();
}
