package io.unikernal.bench.udm;

import io.unikernal.udm.UdmMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three messages the codec benchmark measures: a small event, an order (~640 bytes) and a 10 KiB nested one. */
public final class UdmMessages {

    private UdmMessages() {
    }

    public static UdmMessage named(String name) {
        return switch (name) {
            case "small" -> small();
            case "order" -> order();
            case "nested10k" -> nested10k();
            default -> throw new IllegalArgumentException("no message " + name + " (small, order, nested10k)");
        };
    }

    /** A sensor reading: four scalar fields. */
    public static UdmMessage small() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sensor", "t-17");
        body.put("celsius", 21.5);
        body.put("seq", 48_213L);
        body.put("ok", true);
        return envelope("sensors", null, 0, body);
    }

    /** An order: 3 lines, decimals, a nested customer (the message of earlier runs). */
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
        return envelope("shop", "Order", 2, body);
    }

    /** A shipment manifest of 24 parcels, each with nested items and attributes: about 10 KiB as JSON. */
    public static UdmMessage nested10k() {
        List<Object> parcels = new ArrayList<>();
        for (int p = 0; p < 24; p++) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sku", "SKU-" + (1000 + p * 10 + i));
                item.put("qty", (long) (i + 1));
                item.put("unitPrice", new BigDecimal((p + 1) + "." + (10 + i)));
                item.put("fragile", i % 2 == 0);
                items.add(item);
            }
            Map<String, Object> dims = new LinkedHashMap<>();
            dims.put("l", 30.5 + p);
            dims.put("w", 20.0);
            dims.put("h", 12.25);
            Map<String, Object> parcel = new LinkedHashMap<>();
            parcel.put("id", "P-" + (70000 + p));
            parcel.put("weightKg", 1.5 + p / 4.0);
            parcel.put("dimensions", dims);
            parcel.put("items", items);
            parcel.put("labels", List.of("eu", p % 3 == 0 ? "express" : "standard"));
            parcels.add(parcel);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("manifest", "M-2026-12-07-0042");
        body.put("carrier", "Northwind Freight");
        body.put("parcels", parcels);
        body.put("total", new BigDecimal("1234.56"));
        return envelope("warehouse", "Manifest", 1, body);
    }

    private static UdmMessage envelope(String source, String schema, int version, Map<String, Object> body) {
        UdmMessage.Builder b = UdmMessage.builder().source(source).correlationId("7b1f0e2c-8d7e-4a9b-9f5e-2d3c4b5a6e7f")
                .createdAt(Instant.parse("2026-11-23T10:15:30Z")).header("tenant", "acme").body(body);
        if (schema != null) {
            b.schema(schema, version);
        }
        return b.build();
    }
}
