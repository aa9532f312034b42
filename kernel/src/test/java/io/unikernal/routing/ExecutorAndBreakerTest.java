package io.unikernal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.routing.breaker.AtomicCircuitBreaker;
import io.unikernal.routing.breaker.BreakerConfig;
import io.unikernal.routing.breaker.BreakerState;
import io.unikernal.routing.exec.JavaBatchExecutor;
import io.unikernal.routing.exec.ProjectedBodies;
import io.unikernal.routing.exec.Projection;
import io.unikernal.routing.exec.ValidationSchema;
import io.unikernal.routing.exec.ValueType;
import io.unikernal.routing.internal.Murmur2;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorAndBreakerTest {
    @Test
    void murmur2MatchesKafkasPublishedVectors() {
        // the vectors of Kafka's UtilsTest.testMurmur2
        assertThat(Murmur2.hash("21".getBytes(StandardCharsets.UTF_8))).isEqualTo(-973932308);
        assertThat(Murmur2.hash("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(-790332482);
        assertThat(Murmur2.hash("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-985981536);
        assertThat(Murmur2.hash("a-little-bit-longer-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1486304829);
        assertThat(Murmur2.hash(new byte[] {'a', 'b', 'c'})).isEqualTo(479470107);
    }

    private static MessageBatch batch(int n) {
        MessageBatch b = new MessageBatch(n, n * 64);
        for (int i = 0; i < n; i++) {
            b.add(Map.of("key", "k" + i), ("{\"id\":" + i + ",\"name\":\"n\\u00e9" + i + "\",\"tags\":[1,2],\"x\":{\"y\":null}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        b.add(Map.of(), "{broken".getBytes(StandardCharsets.UTF_8));
        return b;
    }

    @Test
    void partitionProjectAndValidateOnAPool() {
        MessageBatch b = batch(1000);
        try (JavaBatchExecutor exec = new JavaBatchExecutor(2)) {
            int[] parts = new int[b.size()];
            exec.partition(b, FieldRef.header("key"), 12, parts);
            assertThat(parts[7]).isEqualTo((Murmur2.hash("k7".getBytes(StandardCharsets.UTF_8)) & 0x7fffffff) % 12);
            assertThat(parts[1000]).isEqualTo(-1);

            ProjectedBodies p = exec.project(b, Projection.of(List.of("name", "x.y", "missing", "id")));
            assertThat(new String(p.body(3), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"n\\u00e93\",\"x.y\":null,\"id\":3}");
            assertThat(new String(p.body(1000), StandardCharsets.UTF_8)).isEqualTo("null");

            ValidationSchema schema = ValidationSchema.builder()
                    .field("id", ValueType.INTEGER, true, 0, 500, -1)
                    .field("name", ValueType.STRING, true, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 4)
                    .field("x.y", ValueType.STRING, false)
                    .build();
            int[] codes = new int[b.size()];
            exec.validate(b, schema, codes);
            assertThat(codes[5]).isZero();
            assertThat(codes[10]).as("'né10' is 5 bytes").isEqualTo(2 * 8 + ValidationSchema.TOO_LONG);
            assertThat(codes[501]).isEqualTo(8 + ValidationSchema.ABOVE_MAX);
            assertThat(codes[1000]).isEqualTo(ValidationSchema.MALFORMED);
        }
    }

    @Test
    void breakerOpensOnFailureRateThenHalfOpensAfterTheOpenTime() {
        AtomicCircuitBreaker cb = new AtomicCircuitBreaker(new BreakerConfig(50, 4, 1000, 2));
        cb.onSuccess(0);
        cb.onFailure(1);
        cb.onSuccess(2);
        assertThat(cb.state()).isEqualTo(BreakerState.CLOSED);
        cb.onFailure(3); // 2 of 4 failed = 50 %
        assertThat(cb.state()).isEqualTo(BreakerState.OPEN);
        assertThat(cb.tryAcquire(1002)).isFalse();
        assertThat(cb.tryAcquire(1003)).isTrue();
        assertThat(cb.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(cb.tryAcquire(1004)).isTrue();
        assertThat(cb.tryAcquire(1005)).as("only two trial calls").isFalse();
        cb.onSuccess(1006);
        cb.onSuccess(1007);
        assertThat(cb.state()).isEqualTo(BreakerState.CLOSED);
    }
}
