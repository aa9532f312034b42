package io.unikernal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTableTest {
    @Test
    void builderQuotesTheBadValue() {
        assertThatThrownBy(() -> FieldRef.parse("cookie.x")).hasMessageContaining("'cookie.x'");
        assertThatThrownBy(() -> FieldRef.body("a..b")).hasMessageContaining("invalid segment ''");
        assertThatThrownBy(() -> Condition.between(FieldRef.body("a"), 5, 1)).hasMessageContaining("min 5.0 is greater than max 1.0");
        assertThatThrownBy(() -> Condition.between(FieldRef.body("a"), Double.NaN, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Condition.in(FieldRef.body("a"), List.of())).hasMessageContaining("1..");
        assertThatThrownBy(() -> Rule.builder().to("a", 0)).hasMessageContaining("weight 0 of target 'a'");
        assertThatThrownBy(() -> Rule.builder().build()).hasMessageContaining("has no target");
    }

    @Test
    void textFormReportsWhereItFailed() {
        assertThatThrownBy(() -> RuleTableText.parse("when header.a ~= b then x")).hasMessageContaining("unknown operator '~='");
        assertThatThrownBy(() -> RuleTableText.parse("when header.a == b")).hasMessageContaining("expected 'then' but the rules ended");
        assertThatThrownBy(() -> RuleTableText.parse("when body.n in 1..z then x")).hasMessageContaining("'z' is not a number");
        assertThatThrownBy(() -> RuleTableText.parse("always then x:y")).hasMessageContaining("weight 'y' is not an integer");
        assertThatThrownBy(() -> RuleTableText.parse("   ")).hasMessageContaining("empty");
    }

    @Test
    void fieldsAreCollectedOnceInEvaluationOrder() {
        RuleTable t = RuleTableText.parse("when body.a == 1 then x; when header.h == 2 and body.a == 3 then y priority 9; weightKey header.k");
        assertThat(t.fields()).extracting(Object::toString).containsExactly("header.h", "body.a", "header.k");
        assertThat(t.rules().get(0).priority()).isEqualTo(9);
    }

    @Test
    void codecStartsWithMagicAndVersion() {
        byte[] b = RuleTableCodec.encode(RuleTableText.parse("always then x"));
        assertThat(new String(b, 0, 4)).isEqualTo("UKRT");
        assertThat(b[4]).isEqualTo((byte) 1);
    }
}
