package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path and CEL give the same answer (or the same kind of error) on many inputs. */
class FastPathAgreementTest {
    private static final List<Object> VALUES = Arrays.asList(0L, 1L, -1L, 5L, 1000L, Long.MAX_VALUE, Long.MIN_VALUE,
            9007199254740993L, 0.0, -0.0, 0.5, 5.0, 999.5, 1000.0, 1e19, -1e19, Double.NaN, 9007199254740992.0,
            new BigDecimal("5.00"), new BigDecimal("1000.01"), 5, "a", "b", "", "ü", "\uD83D\uDE00", true, false, null,
            List.of(1L), Map.of("k", 1L));
    private static final List<String> LITERALS = List.of("5", "-1", "0", "1000", "5.0", "999.5", "-0.0", "1e19",
            "9007199254740992.0", "'a'", "''", "'ü'", "true", "false");
    private static final List<String> OPS = List.of("==", "!=", "<", "<=", ">", ">=");

    @Test
    void fastPathAndCelAgreeOnEveryCombination() {
        int compared = 0;
        List<String> disagreements = new ArrayList<>();
        for (String op : OPS) {
            for (String lit : LITERALS) {
                for (String source : List.of("x " + op + " " + lit, lit + " " + op + " x")) {
                    FastPathPredicate fast = FastPathPredicate.tryCreate(source).orElseThrow();
                    CelProgram cel = CelProgram.compile(source);
                    for (Object v : VALUES) {
                        Map<String, Object> body = new HashMap<>();
                        body.put("x", v);
                        String a = outcome(() -> fast.test(body));
                        String b = outcome(() -> cel.test(body, Map.of()));
                        if (!a.equals(b)) {
                            disagreements.add(source + " with x=" + v + ": fast=" + a + " cel=" + b);
                        }
                        compared++;
                    }
                    assertThat(outcome(() -> fast.test(Map.of("y", 1L)))).isEqualTo(outcome(() -> cel.test(Map.of("y", 1L), Map.of())))
                            .isEqualTo("MISSING_FIELD");
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(compared).isEqualTo(OPS.size() * LITERALS.size() * 2 * VALUES.size());
    }

    @Test
    void onlySimpleComparisonsTakeTheFastPath() {
        assertThat(CelPredicates.isFastPath("age > 18")).isTrue();
        assertThat(CelPredicates.isFastPath("18 <= age")).isTrue();
        assertThat(CelPredicates.isFastPath("name == 'x'")).isTrue();
        assertThat(CelPredicates.isFastPath("ok != false")).isTrue();
        assertThat(CelPredicates.isFastPath("age > 18 && age < 65")).isFalse();
        assertThat(CelPredicates.isFastPath("a.b > 1")).isFalse();
        assertThat(CelPredicates.isFastPath("a > b")).isFalse();
        assertThat(CelPredicates.isFastPath("headers['a'] == 1")).isFalse();
        assertThat(CelPredicates.isFastPath("x == null")).isFalse();
        assertThat(CelPredicates.isFastPath("x > 1u")).isFalse();
    }

    private static String outcome(java.util.function.BooleanSupplier s) {
        try {
            return String.valueOf(s.getAsBoolean());
        } catch (CelExpressionException e) {
            return e.code().name();
        }
    }
}
