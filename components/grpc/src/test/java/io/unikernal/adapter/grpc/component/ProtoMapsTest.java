package io.unikernal.adapter.grpc.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.unikernal.runtime.StrictJson;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct conversion between messages and route bodies is protobuf's own JSON mapping without the text: on random
 * messages of a type with every proto3 kind (all scalar types at their extremes, NaN and infinities, enums with
 * numbers the file does not name, nested and recursive messages, repeated fields, maps with every key kind, a oneof,
 * proto3 optional fields), each message's map is what {@code JsonFormat} prints and the kernel parses, the message
 * made back from it is what {@code JsonFormat} parses from that JSON, and a corrupted map is refused exactly when
 * {@code JsonFormat} refuses its JSON.
 */
class ProtoMapsTest {

    private static final String KINDS = """
            syntax = "proto3";
            package kinds;

            enum Colour { COLOUR_UNSET = 0; RED = 1; GREEN = 2; }

            message Inner {
              string name = 1;
              int64 big = 2;
              repeated Colour colours = 3;
              Inner next = 4;
            }

            message All {
              int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
              fixed32 f32 = 7; fixed64 f64 = 8; sfixed32 sf32 = 9; sfixed64 sf64 = 10; float fl = 11; double db = 12;
              bool flag = 13; string text = 14; bytes data = 15; Colour colour = 16; Inner inner = 17;
              repeated int32 r_i32 = 18; repeated string r_text = 19; repeated Inner r_inner = 20;
              repeated double r_db = 21; repeated Colour r_colour = 32; repeated bytes r_data = 33;
              map<string, int64> m_str = 22; map<int32, Inner> m_int = 23; map<bool, string> m_bool = 24;
              map<uint64, Colour> m_u64 = 25; map<sint64, double> m_s64 = 34;
              oneof choice { string pick_text = 26; Inner pick_inner = 27; int32 pick_n = 28; }
              optional int32 maybe = 29; optional string maybe_text = 30;
              string camel_case_name = 31;
            }

            message Stamped { string id = 1; google.protobuf.Timestamp at = 2; }
            service Kinds { rpc Echo (All) returns (All); }
            """;

    private static ProtoContract contract;
    private static Descriptor all;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("kinds.proto");
        Files.writeString(file, KINDS.replace("package kinds;", "package kinds;\nimport \"google/protobuf/timestamp.proto\";"));
        contract = ProtoContract.load(file);
        all = contract.types().find("kinds.All");
        assertThat(all).isNotNull();
    }

    @Test
    void aMessagesMapIsWhatJsonFormatPrintsAndTheKernelReads() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 1500; i++) {
            DynamicMessage message = randomAll(random);
            Object viaJson = StrictJson.read(ProtoJson.toJson(message, contract.types()), Object.class);
            assertThat((Object) ProtoMaps.toMap(message)).as("message %d: %s", i, message).isEqualTo(viaJson);
        }
    }

    @Test
    void theMessageMadeFromAMapIsWhatJsonFormatParses() throws Exception {
        Random random = new Random(7L);
        for (int i = 0; i < 1500; i++) {
            Map<String, Object> map = ProtoMaps.toMap(randomAll(random));
            // the route may also name fields in lowerCamelCase, as proto3 JSON allows
            if (random.nextBoolean() && map.containsKey("camel_case_name")) {
                map.put("camelCaseName", map.remove("camel_case_name"));
            }
            assertThat(ProtoMaps.fromMap(map, all)).as("map %d: %s", i, map).isEqualTo(viaJsonFormat(map));
        }
    }

    @Test
    void aCorruptedMapIsRefusedExactlyWhenJsonFormatRefusesItsJson() {
        Random random = new Random(99L);
        List<Consumer<Map<String, Object>>> corruptions = corruptions();
        int refused = 0;
        for (int i = 0; i < 600; i++) {
            Map<String, Object> map = ProtoMaps.toMap(randomAll(random));
            int which = random.nextInt(corruptions.size());
            corruptions.get(which).accept(map);
            boolean jsonFormatRefuses;
            try {
                viaJsonFormat(map);
                jsonFormatRefuses = false;
            } catch (Exception e) {
                jsonFormatRefuses = true;
            }
            boolean directRefuses;
            String why = null;
            try {
                ProtoMaps.fromMap(map, all);
                directRefuses = false;
            } catch (ProtoMessageException e) {
                directRefuses = true;
                why = e.getMessage();
            }
            assertThat(directRefuses).as("corruption %d of map %s (direct: %s)", which, map, why)
                    .isEqualTo(jsonFormatRefuses);
            if (directRefuses) {
                refused++;
                assertThat(why).startsWith("the message does not fit kinds.All (field ");
            }
        }
        assertThat(refused).as("most corruptions are refused").isGreaterThan(400);
    }

    /**
     * A map entry sent twice for one key is legal on the wire, and the last one wins; JsonFormat prints both, which
     * the kernel's JSON parser refuses as a duplicate key. The direct map keeps the last, as protobuf reads it.
     */
    @Test
    void aKeyTwiceOnTheWireIsTheLastEntry() throws Exception {
        FieldDescriptor mStr = all.findFieldByName("m_str");
        Descriptor entry = mStr.getMessageType();
        DynamicMessage twice = DynamicMessage.newBuilder(all)
                .addRepeatedField(mStr, DynamicMessage.newBuilder(entry).setField(entry.findFieldByNumber(1), "k")
                        .setField(entry.findFieldByNumber(2), 1L).build())
                .addRepeatedField(mStr, DynamicMessage.newBuilder(entry).setField(entry.findFieldByNumber(1), "k")
                        .setField(entry.findFieldByNumber(2), 2L).build())
                .build();
        DynamicMessage read = ProtoJson.fromBytes(twice.toByteArray(), all);
        assertThat(ProtoMaps.toMap(read).get("m_str")).isEqualTo(Map.of("k", "2"));
    }

    @Test
    void typesWithWellKnownTypesTakeTheJsonPath() {
        Descriptor stamped = contract.types().find("kinds.Stamped");
        assertThat(ProtoMaps.plain(stamped)).isFalse();
        assertThat(ProtoMaps.fromMap(Map.of("id", "a", "at", "2026-12-03T10:00:00Z"), stamped)).isNull();
        DynamicMessage viaJson = ProtoJson.fromBody(Map.of("id", "a", "at", "2026-12-03T10:00:00Z"), stamped,
                contract.types());
        assertThat(ProtoJson.toBody(viaJson, contract.types()))
                .isEqualTo("{\"id\":\"a\",\"at\":\"2026-12-03T10:00:00Z\"}");
        assertThat(ProtoMaps.plain(all)).isTrue();
    }

    @Test
    void aValueOfAnotherKindTakesTheJsonPath() {
        assertThat(ProtoMaps.fromMap(Map.of("text", new StringBuilder("x")), all)).isNull();
        assertThat(ProtoJson.fromBody(Map.of("text", new StringBuilder("x")), all, contract.types())
                .getField(all.findFieldByName("text"))).isEqualTo("x");
    }

    @Test
    void refusalsNameTheFieldAndWhy() {
        assertThatThrownBy(() -> ProtoMaps.fromMap(Map.of("inner", Map.of("colours", List.of("RED", "PURPLE"))), all))
                .hasMessage("the message does not fit kinds.All (field inner.colours[1] is not a value of enum"
                        + " kinds.Colour (PURPLE))");
        assertThatThrownBy(() -> ProtoMaps.fromMap(Map.of("i32", 1L << 40), all))
                .hasMessage("the message does not fit kinds.All (field i32 is out of int32's range)");
        assertThatThrownBy(() -> ProtoMaps.fromMap(Map.of("colour_name", "RED"), all))
                .hasMessage("the message does not fit kinds.All (field colour_name is not a field of kinds.All)");
    }

    private static DynamicMessage viaJsonFormat(Map<String, Object> map) throws Exception {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(all);
        JsonFormat.parser().usingTypeRegistry(contract.types()).merge(StrictJson.write(map), builder);
        return builder.build();
    }

    private static List<Consumer<Map<String, Object>>> corruptions() {
        List<Consumer<Map<String, Object>>> list = new ArrayList<>();
        list.add(m -> m.put("nope", 1));
        list.add(m -> m.put("i32", new BigDecimal("1.5")));
        list.add(m -> m.put("i32", new BigDecimal("2.0")));
        list.add(m -> m.put("i32", "abc"));
        list.add(m -> m.put("i32", true));
        list.add(m -> m.put("i32", 1L << 40));
        list.add(m -> m.put("i32", "12"));
        list.add(m -> m.put("u32", -1L));
        list.add(m -> m.put("u64", "18446744073709551616"));
        list.add(m -> m.put("u64", "18446744073709551615"));
        list.add(m -> m.put("i64", 5L));
        list.add(m -> m.put("i64", "9223372036854775808"));
        list.add(m -> m.put("fl", new BigDecimal("1e39")));
        list.add(m -> m.put("fl", "NaN"));
        list.add(m -> m.put("db", "Infinity"));
        list.add(m -> m.put("db", "1e400"));
        list.add(m -> m.put("db", "fast"));
        list.add(m -> m.put("flag", "true"));
        list.add(m -> m.put("flag", 1L));
        list.add(m -> m.put("text", 12L));
        list.add(m -> m.put("text", Map.of()));
        list.add(m -> m.put("data", "!!"));
        list.add(m -> m.put("data", "AQID"));
        list.add(m -> m.put("colour", "PURPLE"));
        list.add(m -> m.put("colour", 7L));
        list.add(m -> m.put("colour", "2"));
        list.add(m -> m.put("colour", true));
        list.add(m -> m.put("inner", "x"));
        list.add(m -> m.put("inner", Map.of("nope", 1)));
        list.add(m -> m.put("r_i32", 5L));
        list.add(m -> m.put("r_i32", listOf(1L, null)));
        list.add(m -> m.put("r_inner", List.of("x")));
        list.add(m -> m.put("m_str", List.of()));
        list.add(m -> m.put("m_str", mapOf("k", null)));
        list.add(m -> m.put("m_int", Map.of("x", Map.of())));
        list.add(m -> m.put("m_bool", Map.of("yes", "a")));
        list.add(m -> m.put("m_u64", Map.of("-1", "RED")));
        list.add(m -> {
            m.put("pick_text", "a");
            m.put("pick_n", 3L);
        });
        list.add(m -> {
            m.put("pick_text", "a");
            m.put("pick_n", null);
        });
        list.add(m -> {
            m.put("camel_case_name", "a");
            m.put("camelCaseName", "b");
        });
        list.add(m -> m.put("maybe", null));
        return list;
    }

    private static List<Object> listOf(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    // ---- random messages ------------------------------------------------------------------------------------------

    private static DynamicMessage randomAll(Random r) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(all);
        for (FieldDescriptor f : all.getFields()) {
            if (f.getRealContainingOneof() != null || r.nextInt(4) == 0) {
                continue;
            }
            if (f.isMapField()) {
                Descriptor entry = f.getMessageType();
                // one entry per key: with two, the wire's rule (the last wins) and JsonFormat's text differ (below)
                java.util.Set<Object> keys = new java.util.HashSet<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    Object key = scalar(entry.findFieldByNumber(1), r, 0);
                    if (keys.add(key)) {
                        b.addRepeatedField(f, DynamicMessage.newBuilder(entry).setField(entry.findFieldByNumber(1), key)
                                .setField(entry.findFieldByNumber(2), scalar(entry.findFieldByNumber(2), r, 0)).build());
                    }
                }
            } else if (f.isRepeated()) {
                for (int i = r.nextInt(4); i > 0; i--) {
                    b.addRepeatedField(f, scalar(f, r, 0));
                }
            } else {
                b.setField(f, scalar(f, r, 0));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> b.setField(all.findFieldByName("pick_text"), randomText(r));
            case 1 -> b.setField(all.findFieldByName("pick_inner"), scalar(all.findFieldByName("pick_inner"), r, 0));
            case 2 -> b.setField(all.findFieldByName("pick_n"), r.nextInt());
            default -> {
                // no member of the oneof set
            }
        }
        return b.build();
    }

    private static Object scalar(FieldDescriptor f, Random r, int depth) {
        return switch (f.getType()) {
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> pick(r, 0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE,
                    r.nextInt());
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> pick(r, 0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
                    r.nextLong());
            case FLOAT -> pick(r, 0f, -0f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    Float.MIN_VALUE, Float.MAX_VALUE, r.nextFloat() * 1e6f, (float) r.nextGaussian());
            case DOUBLE -> pick(r, 0d, -0d, 0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                    Double.MAX_VALUE, r.nextDouble() * 1e300, r.nextGaussian());
            case BOOL -> r.nextBoolean();
            case STRING -> randomText(r);
            case BYTES -> {
                byte[] bytes = new byte[r.nextInt(6)];
                r.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> r.nextInt(5) == 0 ? f.getEnumType().findValueByNumberCreatingIfUnknown(7 + r.nextInt(3))
                    : f.getEnumType().getValues().get(r.nextInt(f.getEnumType().getValues().size()));
            default -> inner(f.getMessageType(), r, depth + 1);
        };
    }

    private static DynamicMessage inner(Descriptor type, Random r, int depth) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        b.setField(type.findFieldByName("name"), randomText(r));
        if (r.nextBoolean()) {
            b.setField(type.findFieldByName("big"), r.nextLong());
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            b.addRepeatedField(type.findFieldByName("colours"), scalar(type.findFieldByName("colours"), r, depth));
        }
        if (depth < 3 && r.nextBoolean()) {
            b.setField(type.findFieldByName("next"), inner(type, r, depth + 1));
        }
        return b.build();
    }

    private static String randomText(Random r) {
        return pick(r, "", "a", "ünï €", "line\nbreak \"quoted\"", "0", "x".repeat(r.nextInt(20)));
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
