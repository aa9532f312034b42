package io.unikernal.spi.adapter;

import io.unikernal.expr.CelExpressions;
import io.unikernal.expr.ExpressionProblem;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.OptionValue;

/**
 * The check an adapter makes of its own CEL-expression options (a record key, an operation's variables): the syntax,
 * reported at the option as {@code UDL-019}. Types are not checked: the body an adapter's use sees has no declared
 * schema there.
 */
public final class ExpressionOptions {

    private ExpressionOptions() {
    }

    /** Reports each syntax error of the option's expression; nothing when the option is absent or not text. */
    public static void checkSyntax(OptionValue option, Problems problems) {
        if (option != null && option.value() instanceof String source) {
            for (ExpressionProblem p : CelExpressions.check(source, null)) {
                if (p.kind() == ExpressionProblem.Kind.SYNTAX) {
                    problems.add(UdlMessages.expressionSyntax(option.pos(), p.message()));
                }
            }
        }
    }
}
