package io.unikernal.udm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Random messages survive both codecs. */
class UdmPropertiesTest {
    private final UdmJsonCodec json = new UdmJsonCodec();
    private final UdmBinaryCodec binary = new UdmBinaryCodec();

    @Property(tries = 300)
    void binaryRoundTripIsExact(@ForAll("messages") UdmMessage m) {
        assertThat(binary.decode(binary.encode(m))).isEqualTo(m);
    }

    @Property(tries = 300)
    void jsonRoundTripIsExactUpToJsonNumbers(@ForAll("messages") UdmMessage m) {
        UdmMessage back = json.decode(json.encode(m));
        assertThat(back).isEqualTo(m.toBuilder().body(JsonForm.of(m.body())).build());
        assertThat(json.decode(json.encode(back))).isEqualTo(back); // and JSON form is a fixed point
    }

    @Provide
    Arbitrary<UdmMessage> messages() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(names, Arbitraries.strings().ofMaxLength(20)).ofMaxSize(3);
        Arbitrary<String> schema = Arbitraries.of("Order", "User", "Ünïcode");
        return Combinators.combine(body(3), headers, names, schema.injectNull(0.3), Arbitraries.integers().between(1, 50),
                Arbitraries.longs().between(0, 4_000_000_000L), Arbitraries.integers().between(0, 999_999_999))
                .as((body, h, source, schemaName, version, seconds, nanos) -> UdmMessage.builder()
                        .body(body).headers(h).source(source.isBlank() ? "s" : source)
                        .schema(schemaName, schemaName == null ? 0 : version)
                        .createdAt(Instant.ofEpochSecond(seconds, nanos)).build());
    }

    private Arbitrary<Object> body(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d),
                Combinators.combine(
                        Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30)),
                        Arbitraries.integers().between(-5, 30))
                        .as((unscaled, scale) -> (Object) new BigDecimal(unscaled, scale)),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> child = body(depth - 1);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), child).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> list = child.list().ofMaxSize(4).map(l -> (Object) l);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, map), net.jqwik.api.Tuple.of(1, list));
    }

}
