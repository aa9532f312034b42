package io.unikernal.spi.step;

import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udm.schema.UdmSchema;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/**
 * One kind of route step, whole: its declaration (the key of a step item, with its shape, which the parser checks
 * and the JSON Schema and reference doc show), its model binding, its checks and its compilation to Camel model
 * nodes. The core steps (validate, transform, filter, choose, split, to, fanOut, route, log) are step kinds like any
 * other; a plug-in adds one in its own module and registers it with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.unikernal.spi.step.StepKind}).
 *
 * @param <S> the model of one step of this kind
 */
public interface StepKind<S extends Step> {

    /** The step's key (its kind, e.g. {@code validate}) and shape. */
    UdlKey key();

    /** The model class {@link #bind} builds; the kernel dispatches steps to their kind by it. */
    Class<S> modelType();

    /**
     * Builds one step from its parsed value. Lenient: the shape check has reported every shape problem, so a
     * malformed value yields null (the step is left out) and the other checks still run on the rest of the file.
     */
    S bind(StepInput input);

    /** The step lists nested in the step (choose branches, a split's body), for walks over a route. */
    default List<List<Step>> children(S step) {
        return List.of();
    }

    /** The systems the step sends to, for the listener and loop checks and the policies. */
    default List<EndpointRef> targets(S step) {
        return List.of();
    }

    /** Checks that need the document: references, counts, combinations. Report through {@code checks.problems()}. */
    default void check(S step, StepChecks checks) {
    }

    /**
     * Checks the step's CEL expressions against the schema in scope ({@code scope}, null when unknown) and returns
     * the schema in scope after the step (a validate sets it, a transform changes it).
     */
    default UdmSchema checkExpressions(S step, UdmSchema scope, ExpressionScope expressions) {
        return scope;
    }

    /**
     * Appends the step's Camel model nodes (named beans and languages only, no lambdas) to {@code block} and returns
     * the block the route's next steps go into: {@code block} itself, or a block the step opened for them (a filter
     * nests the rest of the route, because false means "stop here"), which the kernel ends after them.
     */
    ProcessorDefinition<?> compile(S step, StepCompilation compilation, ProcessorDefinition<?> block);

    /** The problem codes this step kind reports, in its own namespace. */
    default List<ProblemCode> problemCodes() {
        return List.of();
    }

    /** The key's name: what a step item writes, e.g. {@code validate}. */
    default String name() {
        return key().name();
    }
}
