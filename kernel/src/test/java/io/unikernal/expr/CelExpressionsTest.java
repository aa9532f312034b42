package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.expr.ExpressionProblem.Kind;
import io.unikernal.udm.schema.FieldType;
import io.unikernal.udm.schema.UdmField;
import io.unikernal.udm.schema.UdmSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CelExpressionsTest {
    static final UdmSchema ORDER = UdmSchema.builder("Order", 1)
            .field(UdmField.builder("id", FieldType.STRING))
            .field(UdmField.builder("amount", FieldType.DECIMAL))
            .field(UdmField.builder("qty", FieldType.INT))
            .field(UdmField.builder("ratio", FieldType.DOUBLE))
            .field(UdmField.builder("paid", FieldType.BOOLEAN))
            .field(UdmField.builder("at", FieldType.TIMESTAMP))
            .field(UdmField.builder("address", FieldType.OBJECT))
            .field(UdmField.builder("items", FieldType.ARRAY))
            .field(UdmField.builder("extra", FieldType.ANY))
            .build();

    @Test
    void syntaxErrorsHaveOffsets() {
        List<ExpressionProblem> p = CelExpressions.check("amount > ", null);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).kind()).isEqualTo(Kind.SYNTAX);
        assertThat(p.get(0).offset()).isEqualTo(9);
        assertThat(p.get(0).message()).startsWith("mismatched input '<EOF>'");
    }

    @Test
    void typeErrorsAgainstTheSchema() {
        List<ExpressionProblem> p = CelExpressions.check("amount > 'x'", ORDER);
        assertThat(p).extracting(ExpressionProblem::kind).containsExactly(Kind.TYPE);
        assertThat(p.get(0).message()).startsWith("found no matching overload for '_>_' applied to '(double, string)'");
        assertThat(p.get(0).offset()).isEqualTo(7);
        assertThat(CelExpressions.check("paid + 1", ORDER)).extracting(ExpressionProblem::kind).containsExactly(Kind.TYPE);
        assertThat(CelExpressions.check("1 + 'a'", null)).extracting(ExpressionProblem::kind).containsExactly(Kind.TYPE);
    }

    @Test
    void numericRulesTypeCheck() {
        assertThat(CelExpressions.check("qty * 1.2", ORDER)).isEmpty();
        assertThat(CelExpressions.check("amount > 1000", ORDER)).isEmpty();
        assertThat(CelExpressions.check("amount == 1000", ORDER)).isEmpty();
        assertThat(CelExpressions.check("qty != 2.0", ORDER)).isEmpty();
        assertThat(CelExpressions.check("address.city == 'Oslo' && size(items) > 0 && extra", ORDER)).isEmpty();
        assertThat(CelExpressions.check("at > '2026-01-01' && timestamp(at) > timestamp('2026-01-01T00:00:00Z')", ORDER)).isEmpty();
        assertThat(CelExpressions.check("headers['x'] == 'y' && body.id == id", ORDER)).isEmpty();
    }

    @Test
    void unknownFieldsWithHints() {
        List<ExpressionProblem> p = CelExpressions.check("ammount > 5 && zzz", ORDER);
        assertThat(p).containsExactly(
                new ExpressionProblem(Kind.UNKNOWN_FIELD, "'ammount' is not a field of schema Order; did you mean 'amount'?", 0),
                new ExpressionProblem(Kind.UNKNOWN_FIELD, "'zzz' is not a field of schema Order", 15));
        assertThat(CelExpressions.check("items.exists(i, i > 1)", ORDER)).isEmpty(); // macro variables are not fields
    }

    @Test
    void resultTypes() {
        assertThat(CelExpressions.analyse("amount * 1.2", ORDER).resultType()).isEqualTo(Optional.of("double"));
        assertThat(CelExpressions.analyse("{'id': id}", ORDER).resultType()).isEqualTo(Optional.of("map(string, string)"));
        assertThat(CelExpressions.isPredicateResultBool("amount > 1", ORDER)).isTrue();
        assertThat(CelExpressions.isPredicateResultBool("amount + 1.0", ORDER)).isFalse();
        assertThat(CelExpressions.checkPredicate("amount + 1.0", ORDER)).containsExactly(
                new ExpressionProblem(Kind.TYPE, "a condition must be bool, but this expression is double", 0));
        assertThat(CelExpressions.checkPredicate("extra", ORDER)).isEmpty(); // dyn: decided at run time
        assertThat(CelExpressions.celTypeName(FieldType.OBJECT)).isEqualTo("map(string, dyn)");
    }
}
