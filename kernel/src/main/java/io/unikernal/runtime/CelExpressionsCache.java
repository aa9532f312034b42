package io.unikernal.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.Expression;
import org.apache.camel.spi.Language;

/** Compiles CEL expressions through the context's {@code cel} language, once, on first use. */
final class CelExpressionsCache {

    private CelExpressionsCache() {
    }

    static Expression compile(CamelContext context, String source) {
        Language cel = context.resolveLanguage("cel");
        Expression expression = cel.createExpression(source);
        expression.init(context);
        return expression;
    }
}
