package io.unikernal.bench.udm;

import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmJsonCodec;
import io.unikernal.udm.UdmMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JSON vs binary UDM encode/decode of a realistic order (3 lines, decimals, nested customer). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UdmCodecBenchmark {
    private final UdmJsonCodec json = new UdmJsonCodec();
    private final UdmBinaryCodec binary = new UdmBinaryCodec();
    private UdmMessage order;
    private byte[] jsonBytes;
    private byte[] binaryBytes;

    /** The order used by the benchmark (public so tests and docs can reuse it). */
    public static UdmMessage order() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "c-42");
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.org");
        customer.put("address", Map.of("street", "12 St James's Square", "city", "London", "zip", "SW1Y 4JH"));
        List<Object> lines = List.of(
                Map.of("sku", "BK-1001", "title", "Notes on the Analytical Engine", "qty", 1L, "price", new BigDecimal("49.90")),
                Map.of("sku", "PN-2002", "title", "Fountain pen", "qty", 2L, "price", new BigDecimal("12.50")),
                Map.of("sku", "IN-3003", "title", "Ink, blue", "qty", 3L, "price", new BigDecimal("3.99")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "o-2026-000123");
        body.put("status", "new");
        body.put("customer", customer);
        body.put("lines", lines);
        body.put("amount", new BigDecimal("86.87"));
        body.put("currency", "EUR");
        body.put("express", true);
        body.put("weightKg", 1.35);
        return UdmMessage.builder().source("shop").schema("Order", 2).correlationId("7b1f0e2c-8d7e-4a9b-9f5e-2d3c4b5a6e7f")
                .createdAt(Instant.parse("2026-11-23T10:15:30Z")).header("tenant", "acme").body(body).build();
    }

    @Setup
    public void setup() {
        order = order();
        jsonBytes = json.encode(order);
        binaryBytes = binary.encode(order);
        System.out.printf("%nUDM order size: JSON %d bytes, binary %d bytes%n", jsonBytes.length, binaryBytes.length);
    }

    @Benchmark
    public byte[] jsonEncode() {
        return json.encode(order);
    }

    @Benchmark
    public UdmMessage jsonDecode() {
        return json.decode(jsonBytes);
    }

    @Benchmark
    public byte[] binaryEncode() {
        return binary.encode(order);
    }

    @Benchmark
    public UdmMessage binaryDecode() {
        return binary.decode(binaryBytes);
    }
}
