package io.unikernal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.routing.internal.JavaRoutingEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaRoutingEngineTest {
    private static int decide(RuleTable table, Map<String, String> headers, String body) {
        try (RoutingEngine engine = new JavaRoutingEngine(table)) {
            int single = engine.decide(RoutingMessage.of(headers, body));
            MessageBatch batch = new MessageBatch(1, 16).add(RoutingMessage.of(headers, body));
            int[] out = new int[1];
            engine.decideBatch(batch, out);
            assertThat(out[0]).as("batch agrees with single").isEqualTo(single);
            return single;
        }
    }

    private static RuleTable table(String text) {
        return RuleTableText.parse(text);
    }

    @Test
    void equalityOnHeaderAndBodyPicksFirstMatchingRule() {
        RuleTable t = table("when header.type == order and body.customer.tier == gold then vip; "
                + "when header.type == order then orders; otherwise rest");
        assertThat(t.targets()).containsExactly("vip", "orders", "rest");
        assertThat(decide(t, Map.of("type", "order"), "{\"customer\":{\"tier\":\"gold\"}}")).isZero();
        assertThat(decide(t, Map.of("type", "order"), "{\"customer\":{\"tier\":\"silver\"}}")).isEqualTo(1);
        assertThat(decide(t, Map.of("type", "refund"), "{}")).isEqualTo(2);
    }

    @Test
    void priorityOrdersRulesAndTiesKeepDeclarationOrder() {
        RuleTable t = table("always then low priority 1; always then high priority 5; always then high2 priority 5");
        assertThat(decide(t, Map.of(), "{}")).isEqualTo(t.targetIndex("high"));
    }

    @Test
    void prefixGlobRangeAndSetConditions() {
        RuleTable t = table("when header.path startsWith /api/ and header.file glob \"*.j?on\" then api;"
                + "when body.amount in 100..1000 then mid; when body.country in {DE, FR, \"United Kingdom\"} then eu");
        assertThat(decide(t, Map.of("path", "/api/x", "file", "a.json"), "{}")).isEqualTo(t.targetIndex("api"));
        assertThat(decide(t, Map.of("path", "/api/x", "file", "a.jsn"), "{}")).isEqualTo(RoutingEngine.NO_MATCH);
        assertThat(decide(t, Map.of(), "{\"amount\": 1000}")).isEqualTo(t.targetIndex("mid"));
        assertThat(decide(t, Map.of(), "{\"amount\": 1e3}")).isEqualTo(t.targetIndex("mid"));
        assertThat(decide(t, Map.of(), "{\"amount\": 1000.5}")).isEqualTo(RoutingEngine.NO_MATCH);
        assertThat(decide(t, Map.of(), "{\"amount\": \"500\"}")).as("a JSON string has no number").isEqualTo(RoutingEngine.NO_MATCH);
        assertThat(decide(t, Map.of(), "{\"country\": \"United Kingdom\"}")).isEqualTo(t.targetIndex("eu"));
        assertThat(decide(t, Map.of(), "{\"country\": \"U\\u006Eited Kingdom\"}")).as("escapes are decoded").isEqualTo(t.targetIndex("eu"));
    }

    @Test
    void headerSpelledAsJsonNumberHasANumber() {
        RuleTable t = table("when header.size in 0..10 then small");
        assertThat(decide(t, Map.of("size", "7.5"), "")).isZero();
        assertThat(decide(t, Map.of("size", " 7"), "")).isEqualTo(RoutingEngine.NO_MATCH);
        assertThat(decide(t, Map.of("size", "0x7"), "")).isEqualTo(RoutingEngine.NO_MATCH);
    }

    @Test
    void jsonScalarsHaveTheirTokenAsText() {
        RuleTable t = table("when body.flag == true and body.n == 1.50 then yes");
        assertThat(decide(t, Map.of(), "{\"flag\":true,\"n\":1.50}")).isZero();
        assertThat(decide(t, Map.of(), "{\"flag\":\"true\",\"n\":1.50}")).isZero();
        assertThat(decide(t, Map.of(), "{\"flag\":true,\"n\":1.5}")).isEqualTo(RoutingEngine.NO_MATCH);
    }

    @Test
    void firstOccurrenceOfADuplicateKeyWins() {
        RuleTable t = table("when body.a == x then first");
        assertThat(decide(t, Map.of(), "{\"a\":\"x\",\"a\":\"y\"}")).isZero();
        assertThat(decide(t, Map.of(), "{\"a\":\"y\",\"a\":\"x\"}")).isEqualTo(RoutingEngine.NO_MATCH);
    }

    @Test
    void malformedBodyIsReportedOnlyWhenTheTableReadsTheBody() {
        RuleTable body = table("when body.a == x then t");
        RuleTable headerOnly = table("when header.a == x then t");
        for (String bad : List.of("{", "{\"a\":}", "[]", "{\"a\":\"x\"} trailing", "{\"a\":01}", "{\"a\":\"\u0001\"}", "nul")) {
            assertThat(decide(body, Map.of(), bad)).as(bad).isEqualTo(RoutingEngine.MALFORMED);
        }
        assertThat(decide(headerOnly, Map.of("a", "x"), "{")).isZero();
        assertThat(decide(body, Map.of(), "")).as("empty body is {}").isEqualTo(RoutingEngine.NO_MATCH);
        String deep = "{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}";
        assertThat(decide(body, Map.of(), deep)).as("nesting beyond 64").isEqualTo(RoutingEngine.MALFORMED);
    }

    @Test
    void weightedChoiceIsMurmur2OfTheWeightKeyModuloTotalWeight() {
        RuleTable t = table("weightKey header.id; always then a:1, b:3");
        int[] counts = new int[2];
        for (int i = 0; i < 4000; i++) {
            String id = "id-" + i;
            int d = decide(t, Map.of("id", id), "{}");
            int bucket = (io.unikernal.routing.internal.Murmur2.hash(id.getBytes()) & 0x7fffffff) % 4;
            assertThat(d).isEqualTo(bucket < 1 ? 0 : 1);
            counts[d]++;
        }
        assertThat(counts[1]).isBetween(2700, 3300);
    }

    @Test
    void brokenFramingIsAnException() {
        RuleTable t = table("always then a");
        byte[] lying = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(100).array();
        try (RoutingEngine engine = new JavaRoutingEngine(t)) {
            assertThatThrownBy(() -> engine.decide(RoutingMessage.ofEncoded(lying)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body length 100");
            assertThatThrownBy(() -> engine.decide(RoutingMessage.ofEncoded(new byte[3])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void useAfterCloseIsAnExceptionAndCloseTwiceIsHarmless() {
        RoutingEngine engine = new JavaRoutingEngine(table("always then a"));
        engine.close();
        engine.close();
        assertThatThrownBy(() -> engine.decide(RoutingMessage.of(Map.of(), "{}"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serviceLoaderFindsTheJavaEngine() {
        assertThat(RoutingEngines.providers()).anyMatch(p -> p.name().equals("java"));
        assertThat(RoutingEngines.select("java", Workload.SINGLE).name()).isEqualTo("java");
        assertThatThrownBy(() -> RoutingEngines.select("cobol", Workload.SINGLE))
                .hasMessageContaining("unknown routing engine 'cobol'");
    }
}
