package io.unikernal.udm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class UdmCodecTest {
    private static final Instant T = Instant.parse("2026-11-23T10:15:30.123456789Z");
    private final UdmJsonCodec json = new UdmJsonCodec(Clock.fixed(T, ZoneOffset.UTC));
    private final UdmBinaryCodec binary = new UdmBinaryCodec();

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<UdmMessage> messages() {
        UdmMessage.Builder base = UdmMessage.builder().source("shop").correlationId("c-1").createdAt(T);
        return Stream.of(
                base.body(map("id", "o-1", "amount", new BigDecimal("1234.5600"), "qty", 3L, "paid", true)).build(),
                base.body(map("nested", map("a", List.of(1L, "two", map("three", 3.25), Arrays.asList(null, false))),
                        "empty", map(), "emptyList", List.of())).schema("Order", 2).header("tenant", "acme").build(),
                base.body(map("unicode", "Grüße, 世界 👋 \u0000 \"quoted\" \\ \n", "κλειδί", "ключ")).build(),
                base.body(map("big", new BigDecimal("123456789012345678901234567890.000000000000000000001"),
                        "tiny", new BigDecimal("1E-40"), "neg", new BigDecimal("-0.5"), "min", Long.MIN_VALUE,
                        "max", Long.MAX_VALUE, "d", 1.0E300)).build(),
                base.body(map("nothing", null)).build(),
                base.body(map()).schema(null, 0).headers(Map.of()).build(),
                base.body(null).build(),
                base.body(List.of(1L, 2L)).build(),
                base.body("just text").build());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void binaryRoundTripKeepsEveryTypeExactly(UdmMessage m) {
        UdmMessage back = binary.decode(binary.encode(m));
        assertThat(back).isEqualTo(m);
        assertThat(back.body()).isEqualTo(m.body());
        if (m.body() instanceof Map<?, ?> body) {
            assertThat(List.copyOf(back.bodyAsMap().keySet())).isEqualTo(List.copyOf(body.keySet()));
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void jsonRoundTripKeepsValuesAndDecimalsExactly(UdmMessage m) {
        UdmMessage back = json.decode(json.encode(m));
        assertThat(back).isEqualTo(m.toBuilder().body(JsonForm.of(m.body())).build());
    }

    @Test
    void writesTheV8Envelope() {
        UdmMessage m = UdmMessage.builder().source("shop").schema("Order", 2).correlationId("c-1").createdAt(T)
                .header("tenant", "acme").body(map("amount", new BigDecimal("10.50"), "qty", 2L)).build();
        assertThat(json.encodeToString(m)).isEqualTo("{\"udm\":8,\"id\":\"c-1\",\"source\":\"shop\","
                + "\"schema\":{\"name\":\"Order\",\"version\":2},\"createdAt\":\"2026-11-23T10:15:30.123456789Z\","
                + "\"headers\":{\"tenant\":\"acme\"},\"body\":{\"amount\":10.50,\"qty\":2}}");
    }

    @Test
    void integralDecimalsStayDecimals() {
        UdmMessage m = UdmMessage.builder().body(map("d", new BigDecimal("5"), "e", new BigDecimal("5E+3"))).build();
        assertThat(json.encodeToString(m)).endsWith("\"body\":{\"d\":5E0,\"e\":5E+3}}");
        assertThat(json.decode(json.encode(m)).body()).isEqualTo(m.body());
    }

    @Test
    void readsABareV7PayloadWithDefaults() {
        UdmMessage m = json.decode("{\"amount\": 12.30, \"qty\": 4, \"udm\": \"not an envelope\"}");
        assertThat(m.body()).isEqualTo(map("amount", new BigDecimal("12.30"), "qty", 4L, "udm", "not an envelope"));
        assertThat(m.source()).isEqualTo(UdmMessage.UNKNOWN_SOURCE);
        assertThat(m.schema()).isNull();
        assertThat(m.schemaVersion()).isZero();
        assertThat(m.createdAt()).isEqualTo(T);
        assertThat(m.correlationId()).matches("[0-9a-f-]{36}");
        assertThat(m.headers()).isEmpty();
    }

    @Test
    void numbersKeepTheirKindInJson() {
        UdmMessage m = json.decode("{\"i\": 7, \"f\": 7.0, \"e\": 1e3, \"huge\": 123456789012345678901234567890}");
        assertThat(m.bodyAsMap().get("i")).isEqualTo(7L);
        assertThat(m.bodyAsMap().get("f")).isEqualTo(new BigDecimal("7.0"));
        assertThat(m.bodyAsMap().get("e")).isEqualTo(new BigDecimal("1e3"));
        assertThat(m.bodyAsMap().get("huge")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void malformedJsonSaysWhatAndWhere() {
        assertThatThrownBy(() -> json.decode("{\"a\": 1,\n \"b\": }"))
                .isInstanceOf(UdmCodecException.class)
                .hasMessageStartingWith("malformed UDM JSON: Unexpected character ('}' (code 125))")
                .hasMessageEndingWith("at line 2, column 7");
        assertThatThrownBy(() -> json.decode("")).hasMessage("malformed UDM JSON: empty input");
        assertThatThrownBy(() -> json.decode("[1, 2")).isInstanceOf(UdmCodecException.class)
                .hasMessageContaining("Unexpected end-of-input").hasMessageContaining("line 1");
        assertThatThrownBy(() -> json.decode("{} {}"))
                .hasMessage("malformed UDM JSON: unexpected START_OBJECT after the top-level value at line 1, column 4");
    }

    @Test
    void invalidEnvelopesSayWhichMember() {
        assertThatThrownBy(() -> json.decode("{\"udm\": 9, \"body\": {}}"))
                .hasMessage("invalid UDM envelope: unsupported envelope version 9 (this reader knows 8) at line 1, column 9");
        assertThatThrownBy(() -> json.decode("{\"udm\": 8}"))
                .hasMessage("invalid UDM envelope: envelope has no \"body\" at line 1, column 9");
        assertThatThrownBy(() -> json.decode("{\"udm\": 8, \"body\": {},\n\"createdAt\": \"yesterday\"}"))
                .hasMessage("invalid UDM envelope: \"createdAt\" is not an ISO-8601 instant: 'yesterday' at line 2, column 14");
        assertThatThrownBy(() -> json.decode("{\"udm\": 8, \"body\": {}, \"schema\": {\"name\": \"Order\"}}"))
                .hasMessageStartingWith("invalid UDM envelope: \"schema\" must be {\"name\": string, \"version\": int}");
        assertThatThrownBy(() -> json.decode("{\"udm\": 8, \"body\": {}, \"headers\": {\"n\": 1}}"))
                .hasMessage("invalid UDM envelope: header \"n\" must be a string, was 1 at line 1, column 35");
        assertThatThrownBy(() -> json.decode("{\"udm\": 8, \"body\": {}, \"source\": \"\"}"))
                .hasMessage("invalid UDM envelope: source must be a non-blank system name, was ''");
    }

    @Test
    void malformedBinarySaysWhatAndWhere() {
        assertThatThrownBy(() -> binary.decode("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UdmCodecException.class)
                .hasMessage("not binary UDM: expected prefix 'UDM' 0x09 (or 0x08), found 7b 22 61 22");
        assertThatThrownBy(() -> binary.decode(new byte[0])).hasMessage("not binary UDM: expected prefix 'UDM' 0x09 (or 0x08), found empty input");
        byte[] good = binary.encode(UdmMessage.builder().body(map("a", "text")).build());
        assertThatThrownBy(() -> binary.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(UdmCodecException.class)
                .hasMessageStartingWith("malformed binary UDM at byte ");
        byte[] noBody = {'U', 'D', 'M', 9, 0x12, 1, 'x'}; // only "source" = "x"
        assertThatThrownBy(() -> binary.decode(noBody)).hasMessage("invalid binary UDM envelope: envelope has no body (field 7)");
    }

    @Test
    void binaryIsSmallerThanJsonForATypicalOrder() {
        UdmMessage m = UdmMessage.builder().source("shop").schema("Order", 2).body(map("id", "o-1",
                "customer", "Ada", "amount", new BigDecimal("99.95"), "items", List.of(map("sku", "A-1", "qty", 2L)))).build();
        assertThat(binary.encode(m).length).isLessThan(json.encode(m).length);
    }

    @Test
    void builderRejectsBadValuesQuotingThem() {
        assertThatThrownBy(() -> UdmMessage.builder().source(" ")).hasMessage("source must be a non-blank system name, was ' '");
        assertThatThrownBy(() -> UdmMessage.builder().schema("Order", 0)).hasMessage("schema 'Order' version must be >= 1, was 0");
        assertThatThrownBy(() -> UdmMessage.builder().body(map("x", Double.NaN)))
                .hasMessage("body $.x: non-finite double NaN has no JSON form");
        assertThatThrownBy(() -> UdmMessage.builder().body(map("x", List.of(new Object()))))
                .hasMessageStartingWith("body $.x[0]: java.lang.Object is not a UDM value");
        assertThat(UdmMessage.builder().body(map("i", 1, "f", 1.5f)).build().body()).isEqualTo(map("i", 1L, "f", 1.5));
    }

    @Test
    void aDeepBadValueIsNamedByItsWholePath() {
        assertThatThrownBy(() -> UdmMessage.builder().body(map("a", map("b", List.of(1L, map("c", Double.NaN))))))
                .hasMessage("body $.a.b[1].c: non-finite double NaN has no JSON form");
        assertThatThrownBy(() -> UdmMessage.builder().body(List.of(map("k", List.of(2L, new Object())))))
                .hasMessageStartingWith("body $[0].k[1]: java.lang.Object is not a UDM value");
    }

    /** The decoders hand out their own trees without the builder's copy: those must be as unmodifiable. */
    @Test
    void decodedBodiesAreUnmodifiableAtEveryDepth() {
        UdmMessage m = UdmMessage.builder().createdAt(T).correlationId("c-1").body(map("lines",
                List.of(map("sku", "A-1", "tags", List.of("x"))), "customer", map("name", "Ada"))).build();
        for (UdmMessage back : List.of(binary.decode(binary.encode(m)), json.decode(json.encode(m)),
                json.decode("{\"bare\": {\"v7\": [1]}}"))) {
            assertUnmodifiable(back.body());
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertUnmodifiable(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThatThrownBy(() -> ((Map<String, Object>) map).put("new", 1L))
                    .isInstanceOf(UnsupportedOperationException.class);
            map.values().forEach(UdmCodecTest::assertUnmodifiable);
        } else if (value instanceof List<?> list) {
            assertThatThrownBy(() -> ((List<Object>) list).add(1L)).isInstanceOf(UnsupportedOperationException.class);
            list.forEach(UdmCodecTest::assertUnmodifiable);
        }
    }
}
