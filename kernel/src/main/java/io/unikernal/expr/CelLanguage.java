package io.unikernal.expr;

import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.support.LanguageSupport;

/**
 * CEL as the Camel language {@code cel}: {@code filter: {expression: {language: {language: cel, expression:
 * "amount > 1000"}}}}. Registered through {@code META-INF/services/org/apache/camel/language/cel}, so it works
 * under plain Camel Main with the Unikernal kernel jar on the class path.
 */
public class CelLanguage extends LanguageSupport {
    /** The language name used in routes. */
    public static final String NAME = "cel";

    @Override
    public Predicate createPredicate(String expression) {
        return CelPredicates.compile(loadResource(expression).trim());
    }

    @Override
    public Expression createExpression(String expression) {
        return CelPredicates.compileExpression(loadResource(expression).trim());
    }
}
