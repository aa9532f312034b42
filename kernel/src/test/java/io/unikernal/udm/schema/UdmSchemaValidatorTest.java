package io.unikernal.udm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.udm.UdmMessage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdmSchemaValidatorTest {
    static final UdmSchema ORDER = UdmSchema.builder("Order", 2)
            .field(UdmField.builder("id", FieldType.STRING).required(true).pattern("^o-[0-9]+$"))
            .field(UdmField.builder("amount", FieldType.DECIMAL).min(BigDecimal.ZERO).max(new BigDecimal("10000")))
            .field(UdmField.builder("qty", FieldType.INT).defaultValue(1))
            .field(UdmField.builder("ratio", FieldType.DOUBLE))
            .field(UdmField.builder("customer", FieldType.STRING).renamedFrom("customer_name"))
            .field(UdmField.builder("status", FieldType.STRING).enumValues(List.of("new", "paid")))
            .field(UdmField.builder("paid", FieldType.BOOLEAN))
            .field(UdmField.builder("at", FieldType.TIMESTAMP))
            .field(UdmField.builder("address", FieldType.OBJECT))
            .field(UdmField.builder("items", FieldType.ARRAY))
            .field(UdmField.builder("extra", FieldType.ANY))
            .build();

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<String> messages(Map<String, Object> body) {
        return UdmSchemaValidator.validate(ORDER, body).stream().map(Violation::message).toList();
    }

    @Test
    void validBodyHasNoViolationsAndUnknownFieldsAreKept() {
        Map<String, Object> b = body("id", "o-1", "amount", new BigDecimal("10.50"), "qty", 2L, "ratio", 0.5,
                "status", "paid", "paid", true, "at", "2026-11-23T10:15:30Z", "address", body("city", "Oslo"),
                "items", List.of(1L), "extra", "anything", "notInSchema", 42L, "customer", null);
        assertThat(UdmSchemaValidator.validate(ORDER, b)).isEmpty();
    }

    @Test
    void requiredMeansPresentAndNotNull() {
        assertThat(UdmSchemaValidator.validate(ORDER, body())).containsExactly(
                new Violation("id", Violation.Code.REQUIRED, "id: is required"));
        assertThat(messages(body("id", null))).containsExactly("id: is required, was null");
    }

    @Test
    void minimumAndMaximum() {
        assertThat(UdmSchemaValidator.validate(ORDER, body("id", "o-1", "amount", -5L))).containsExactly(
                new Violation("amount", Violation.Code.MINIMUM, "amount: must be >= 0, was -5"));
        assertThat(messages(body("id", "o-1", "amount", new BigDecimal("10000.01"))))
                .containsExactly("amount: must be <= 10000, was 10000.01");
    }

    @Test
    void typesPatternEnumAndFormat() {
        List<Violation> v = UdmSchemaValidator.validate(ORDER, body("id", "x-1", "amount", "ten", "qty", 2.5,
                "status", "lost", "paid", "yes", "at", "yesterday", "address", List.of(), "items", body()));
        assertThat(v).extracting(Violation::code).containsExactly(Violation.Code.TYPE, Violation.Code.TYPE,
                Violation.Code.FORMAT, Violation.Code.PATTERN, Violation.Code.TYPE, Violation.Code.TYPE,
                Violation.Code.TYPE, Violation.Code.ENUM);
        assertThat(v).extracting(Violation::message).containsExactly(
                "address: must be an object, was []",
                "amount: must be a decimal, was 'ten'",
                "at: must be an ISO-8601 date-time such as 2026-01-31T10:15:30Z, was 'yesterday'",
                "id: must match '^o-[0-9]+$', was 'x-1'",
                "items: must be an array, was {}",
                "paid: must be a boolean, was 'yes'",
                "qty: must be an int, was 2.5",
                "status: must be one of ['new', 'paid'], was 'lost'");
    }

    @Test
    void nonObjectBody() {
        assertThat(UdmSchemaValidator.validateBody(ORDER, List.of(1L))).containsExactly(
                new Violation("", Violation.Code.NOT_AN_OBJECT, "body: must be an object for schema 'Order', was an array"));
    }

    @Test
    void jsonSchemaIsDraft2020AndAllowsExtraMembers() {
        var js = UdmSchemaValidator.jsonSchema(ORDER);
        assertThat(js.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(js.get("required").toString()).isEqualTo("[\"id\"]");
        assertThat(js.get("additionalProperties").asBoolean()).isTrue();
        assertThat(js.at("/properties/amount").toString())
                .isEqualTo("{\"type\":[\"number\",\"null\"],\"minimum\":0,\"maximum\":10000}");
    }

    @Test
    void migratorRenamesFillsDefaultsAndCoercesNumbers() {
        Map<String, Object> v1 = body("id", "o-1", "customer_name", "Ada", "amount", 10L, "ratio", 2L, "other", "kept");
        Map<String, Object> migrated = UdmMigrator.migrate(ORDER, v1);
        assertThat(migrated).isEqualTo(body("id", "o-1", "customer", "Ada", "amount", new BigDecimal("10"), "ratio", 2.0,
                "other", "kept", "qty", 1L));
        assertThat(List.copyOf(migrated.keySet())).isEqualTo(List.of("id", "customer", "amount", "ratio", "other", "qty"));
        assertThat(v1).containsKey("customer_name"); // input untouched
    }

    @Test
    void migratorKeepsTheNewNameWhenBothArePresentAndLeavesUncoercibleValues() {
        Map<String, Object> m = UdmMigrator.migrate(ORDER, body("customer", "new", "customer_name", "old",
                "qty", new BigDecimal("5.0"), "amount", "ten"));
        assertThat(m).isEqualTo(body("customer", "new", "customer_name", "old", "qty", 5L, "amount", "ten"));
        assertThat(UdmMigrator.migrate(ORDER, body("qty", new BigDecimal("2.5"))).get("qty")).isEqualTo(new BigDecimal("2.5"));
        assertThat(UdmMigrator.migrate(ORDER, body("amount", 0.1)).get("amount")).isEqualTo(new BigDecimal("0.1"));
        assertThat(UdmMigrator.migrate(ORDER, body("qty", null)).get("qty")).isNull(); // explicit null is not absent
    }

    @Test
    void migratorUpdatesTheEnvelope() {
        UdmMessage old = UdmMessage.builder().schema("Order", 1).body(body("id", "o-1", "customer_name", "Ada")).build();
        UdmMessage m = UdmMigrator.migrate(ORDER, old);
        assertThat(m.schema()).isEqualTo("Order");
        assertThat(m.schemaVersion()).isEqualTo(2);
        assertThat(m.bodyAsMap()).containsEntry("customer", "Ada").containsEntry("qty", 1L);
        assertThat(UdmSchemaValidator.validate(ORDER, m.bodyAsMap())).isEmpty();
    }

    @Test
    void buildersRejectBadValuesQuotingThem() {
        assertThatThrownBy(() -> UdmSchema.builder("", 1)).hasMessage("schema name must be non-blank, was ''");
        assertThatThrownBy(() -> UdmSchema.builder("Order", 0)).hasMessage("schema 'Order' version must be >= 1, was 0");
        assertThatThrownBy(() -> UdmField.builder("name", FieldType.STRING).min(BigDecimal.ONE))
                .hasMessage("field 'name': min applies to int, double and decimal fields, not string (was 1)");
        assertThatThrownBy(() -> UdmField.builder("n", FieldType.INT).max(BigDecimal.ONE).min(BigDecimal.TEN))
                .hasMessage("field 'n': min 10 is greater than max 1");
        assertThatThrownBy(() -> UdmField.builder("n", FieldType.INT).pattern("x"))
                .hasMessage("field 'n': pattern applies to string fields, not int");
        assertThatThrownBy(() -> UdmField.builder("s", FieldType.STRING).pattern("(["))
                .hasMessageStartingWith("field 's': pattern '([' is not a regular expression");
        assertThatThrownBy(() -> UdmField.builder("n", FieldType.INT).defaultValue("five"))
                .hasMessage("field 'n': default five is not a int");
        assertThatThrownBy(() -> UdmField.builder("n", FieldType.INT).renamedFrom("n"))
                .hasMessage("field 'n': renamedFrom must be another non-blank name, was 'n'");
        assertThatThrownBy(() -> UdmSchema.builder("S", 1).field(UdmField.builder("a", FieldType.ANY)).field(UdmField.builder("a", FieldType.ANY)))
                .hasMessage("schema 'S': field 'a' is declared twice");
        assertThatThrownBy(() -> UdmSchema.builder("S", 1).field(UdmField.builder("a", FieldType.ANY))
                .field(UdmField.builder("b", FieldType.ANY).renamedFrom("a")).build())
                .hasMessage("schema 'S': field 'b' is renamedFrom 'a', which is also a current field");
        assertThatThrownBy(() -> FieldType.fromUdl("float")).hasMessageStartingWith("unknown field type 'float'");
        assertThat(FieldType.fromUdl("Decimal")).isEqualTo(FieldType.DECIMAL);
    }
}
