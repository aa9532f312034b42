package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.routing.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelToRulesTest {

    private static List<String> rules(String cel) {
        return CelToRules.conditions(cel).orElseThrow().stream().map(Condition::toString).toList();
    }

    @Test
    void simpleFieldTestsJoinedByAndBecomeEngineConditions() {
        assertThat(rules("region == 'eu'")).containsExactly("body.region == \"eu\"");
        assertThat(rules("'eu' == region")).containsExactly("body.region == \"eu\"");
        assertThat(rules("amount >= 1000")).containsExactly("body.amount in 1000.0.." + Double.MAX_VALUE);
        assertThat(rules("amount > 1000")).containsExactly("body.amount in " + Math.nextUp(1000.0) + ".." + Double.MAX_VALUE);
        assertThat(rules("1000 < amount")).containsExactly("body.amount in " + Math.nextUp(1000.0) + ".." + Double.MAX_VALUE);
        assertThat(rules("amount <= 5")).containsExactly("body.amount in " + -Double.MAX_VALUE + "..5.0");
        assertThat(rules("amount == 5")).containsExactly("body.amount in 5.0..5.0");
        assertThat(rules("customer.tier.startsWith('gold')")).containsExactly("body.customer.tier startsWith \"gold\"");
        assertThat(rules("level in ['gold', 'platinum']")).containsExactly("body.level in {\"gold\", \"platinum\"}");
        assertThat(rules("headers.type == 'order' && headers['x-tenant'] == 'acme' && amount < 1.5"))
                .containsExactly("header.type == \"order\"", "header.x-tenant == \"acme\"",
                        "body.amount in " + -Double.MAX_VALUE + ".." + Math.nextDown(1.5));
    }

    @Test
    void anythingElseStaysOnCel() {
        for (String cel : List.of("amount * 2 > 5", "a || b", "!flag", "size(items) > 2", "amount != 5",
                "region == other", "amount > 1000 && (a || b)", "body.amount > 5", "amount >", "flag")) {
            assertThat(CelToRules.conditions(cel)).as(cel).isEmpty();
        }
    }
}
