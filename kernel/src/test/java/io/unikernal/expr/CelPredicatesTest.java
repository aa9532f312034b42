package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelPredicatesTest {

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void intFieldTimesDoubleLiteralIsADouble() {
        assertThat(CelPredicates.evaluate("amount * 1.2", body("amount", 100L), Map.of())).isEqualTo(120.0);
        assertThat(CelPredicates.evaluate("1.5 + n", body("n", 2L), Map.of())).isEqualTo(3.5);
        assertThat(CelPredicates.evaluate("n - 0.5", body("n", 2), Map.of())).isEqualTo(1.5);
        assertThat(CelPredicates.evaluate("n / 4.0", body("n", 2L), Map.of())).isEqualTo(0.5);
        assertThat(CelPredicates.evaluate("n * 3", body("n", 2L), Map.of())).isEqualTo(6L);
    }

    @Test
    void comparesIntsWithDoublesBothWays() {
        assertThat(CelPredicates.test("amount > 1000", body("amount", 1000.5))).isTrue();
        assertThat(CelPredicates.compileCel("amount > 1000").toString()).contains("amount > 1000");
        assertThat(CelPredicates.evaluate("amount > 1000", body("amount", 1000.5), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("amount > 999.5", body("amount", 1000L), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("amount == 1000", body("amount", 1000.0), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("amount != 1000.0", body("amount", 1000L), Map.of())).isEqualTo(false);
        assertThat(CelPredicates.evaluate("a == b", body("a", 2L, "b", 2.0), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("a == b", body("a", 2L, "b", 2L), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("a == b", body("a", "x", "b", "x"), Map.of())).isEqualTo(true);
    }

    @Test
    void decimalsAreDoublesInCel() {
        assertThat(CelPredicates.evaluate("price * 2", body("price", new BigDecimal("10.25")), Map.of())).isEqualTo(20.5);
        assertThat(CelPredicates.test("price >= 10.25", body("price", new BigDecimal("10.25")))).isTrue();
    }

    @Test
    void concatenatesStrings() {
        assertThat(CelPredicates.evaluate("first_name + ' ' + last_name", body("first_name", "Ada", "last_name", "Lovelace"), Map.of()))
                .isEqualTo("Ada Lovelace");
    }

    @Test
    void mapResultsAreLinkedHashMapsOfJavaValues() {
        Object r = CelPredicates.evaluate("{'id': id, 'total': total, 'tags': ['a', 1, 2.5, null], 'nested': {'x': 1}}",
                body("id", "o-1", "total", 12L), Map.of());
        assertThat(r).isInstanceOf(LinkedHashMap.class);
        assertThat(r).isEqualTo(Map.of("id", "o-1", "total", 12L,
                "tags", java.util.Arrays.asList("a", 1L, 2.5, null), "nested", Map.of("x", 1L)));
        assertThat(List.copyOf(((Map<?, ?>) r).keySet())).isEqualTo(List.of("id", "total", "tags", "nested"));
    }

    @Test
    void missingFieldIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> CelPredicates.evaluate("amount * 2", body("other", 1L), Map.of()))
                .isInstanceOf(CelExpressionException.class)
                .hasMessage("cel 'amount * 2': field 'amount' is missing from the message body")
                .satisfies(e -> {
                    assertThat(((CelExpressionException) e).code()).isEqualTo(CelExpressionException.Code.MISSING_FIELD);
                    assertThat(((CelExpressionException) e).field()).isEqualTo("amount");
                });
        // the fast path reports it the same way
        assertThat(CelPredicates.isFastPath("amount > 5")).isTrue();
        assertThatThrownBy(() -> CelPredicates.test("amount > 5", body()))
                .isInstanceOf(CelExpressionException.class)
                .hasMessage("cel 'amount > 5': field 'amount' is missing from the message body");
    }

    @Test
    void macrosBindTheirOwnVariables() {
        Map<String, Object> b = body("items", List.of(body("price", 5L), body("price", 50L)));
        assertThat(CelPredicates.evaluate("items.exists(i, i.price > 10)", b, Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("items.map(i, i.price * 2)", b, Map.of())).isEqualTo(List.of(10L, 100L));
        assertThat(CelPredicates.evaluate("size(items.filter(i, i.price < 10))", b, Map.of())).isEqualTo(1L);
    }

    @Test
    void headersAndWholeBodyAreVariables() {
        assertThat(CelPredicates.evaluate("headers['tenant'] == 'acme'", body(), Map.of("tenant", "acme"))).isEqualTo(true);
        assertThat(CelPredicates.evaluate("body.size() == 2", body("a", 1L, "b", 2L), Map.of())).isEqualTo(true);
        assertThat(CelPredicates.evaluate("body", body("body", "own field"), Map.of())).isEqualTo("own field");
        assertThat(CelPredicates.evaluate("body + '!'", "text", Map.of())).isEqualTo("text!");
    }

    @Test
    void wrongOperandTypesFailAtEvaluation() {
        assertThatThrownBy(() -> CelPredicates.evaluate("amount > 'x'", body("amount", 5L), Map.of()))
                .isInstanceOf(CelExpressionException.class)
                .hasMessageContaining("No matching overload")
                .extracting(e -> ((CelExpressionException) e).code()).isEqualTo(CelExpressionException.Code.EVALUATION_FAILED);
    }

    @Test
    void predicateMustBeBool() {
        assertThatThrownBy(() -> CelPredicates.test("amount + 1", body("amount", 5L)))
                .isInstanceOf(CelExpressionException.class)
                .hasMessage("cel 'amount + 1': a condition must be true or false, but produced 6")
                .extracting(e -> ((CelExpressionException) e).code()).isEqualTo(CelExpressionException.Code.NOT_A_BOOLEAN);
    }

    @Test
    void invalidExpressionFailsToCompile() {
        assertThatThrownBy(() -> CelPredicates.compile("amount >"))
                .isInstanceOf(CelExpressionException.class)
                .hasMessageStartingWith("cel 'amount >': ERROR: <input>:1:9: mismatched input")
                .extracting(e -> ((CelExpressionException) e).code()).isEqualTo(CelExpressionException.Code.INVALID_EXPRESSION);
        assertThatThrownBy(() -> CelPredicates.compile("1 + 'a'"))
                .isInstanceOf(CelExpressionException.class)
                .hasMessageContaining("found no matching overload for '_+_'");
    }

    @Test
    void compiledFormsAreCached() {
        assertThat(CelPredicates.compile("age > 18")).isSameAs(CelPredicates.compile("age > 18"));
        assertThat(CelPredicates.compileExpression("age + 1")).isSameAs(CelPredicates.compileExpression("age + 1"));
    }
}
