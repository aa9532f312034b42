package io.unikernal.spi.step;

import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.Step;
import io.unikernal.udm.schema.UdmSchema;
import java.util.List;

/** The kernel's CEL checks, for a step kind's {@link StepKind#checkExpressions}. */
public interface ExpressionScope {

    /** Checks an expression that yields a value against the schema in scope (null when unknown). */
    void value(Expr expression, UdmSchema scope);

    /** Checks a condition: it must type-check and yield a boolean; {@code where} names it in messages. */
    void condition(Expr expression, UdmSchema scope, String where);

    /** Checks nested steps starting from {@code scope}; returns the schema in scope after them. */
    UdmSchema steps(List<Step> steps, UdmSchema scope);

    /** The schema the document declares under this name (or the one its did-you-mean suggests); null if none. */
    UdmSchema schema(String name);
}
