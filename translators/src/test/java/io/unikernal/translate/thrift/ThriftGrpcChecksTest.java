package io.unikernal.translate.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What cannot map between a .thrift IDL and a .proto is refused at check time, at the translation's target
 * (file:line:col, TRANSLATE-008), with the reason; the shop contracts of the end-to-end tests check clean both ways.
 */
class ThriftGrpcChecksTest {

    @TempDir
    Path dir;

    private List<String> problems(String thrift, String proto, boolean exposeThrift) throws Exception {
        Path idl = dir.resolve("s.thrift");
        Path protoFile = dir.resolve("s.proto");
        Files.writeString(idl, thrift);
        Files.writeString(protoFile, proto);
        return problems(idl, protoFile, exposeThrift);
    }

    private static List<String> problems(Path idl, Path proto, boolean exposeThrift) {
        String udl = "udl: 8\nname: t\nsystems:\n"
                + "  th: {adapter: thrift, idl: \"" + idl + "\", port: 9091, address: \"127.0.0.1:9092\"}\n"
                + "  gr: {adapter: grpc, proto: \"" + proto + "\", port: 9093, address: \"127.0.0.1:9094\"}\n"
                + "translations:\n  - name: t1\n"
                + (exposeThrift ? "    expose: {system: th, protocol: thrift}\n    target: {system: gr}\n"
                        : "    expose: {system: gr, protocol: grpc}\n    target: {system: th}\n");
        return render(udl);
    }

    private static final Path SHOP_IDL = Path.of("src/test/resources/thrift-grpc/shop.thrift").toAbsolutePath();
    private static final Path SHOP_PROTO = Path.of("src/test/resources/thrift-grpc/shop.proto").toAbsolutePath();

    private static List<String> render(String udl) {
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private static final String PROTO_HEAD = "syntax = \"proto3\";\npackage p;\n";

    @Test
    void theShopContractsMapBothWays() {
        Path idl = SHOP_IDL;
        Path proto = SHOP_PROTO;
        assertThat(problems(idl, proto, true)).isEmpty();
        assertThat(problems(idl, proto, false)).isEmpty();
    }

    @Test
    void aSetAUnionAndUnsignedOrFixedIntegersAreRefused() throws Exception {
        String thrift = "union U { 1: string a, 2: i32 b }\n"
                + "struct R { 1: set<string> tags, 2: i32 n, 3: i64 f, 4: double x, 5: U u }\n"
                + "service S { R get(1: R r) }\n";
        String proto = PROTO_HEAD + "message U { string a = 1; int32 b = 2; }\n"
                + "message R { repeated string tags = 1; uint32 n = 2; sfixed64 f = 3; float x = 4; U u = 5; }\n"
                + "service S { rpc Get(R) returns (R); }\n";
        List<String> found = problems(thrift, proto, true);
        assertThat(found).allSatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("[TRANSLATE-008]"));
        assertThat(String.join("\n", found))
                .contains("S.get arguments.tags: a Thrift set<string> cannot map: protobuf has no set")
                .contains("S.get arguments.n: the protobuf uint32 field n cannot map")
                .contains("S.get arguments.f: the protobuf sfixed64 field f cannot map")
                .contains("S.get arguments.x: the protobuf float field x cannot map")
                .contains("S.get arguments.u: the Thrift union U cannot map to p.U");
    }

    @Test
    void streamingOnewayAndMethodsWithoutCounterpartAreRefused() throws Exception {
        String thrift = "struct M { 1: string id }\n"
                + "service S { M watch(1: M m), oneway void fire(1: M m), M lonely(1: M m) }\n";
        String proto = PROTO_HEAD + "message M { string id = 1; }\n"
                + "service S { rpc Watch(M) returns (stream M); rpc Fire(M) returns (M);"
                + " rpc Extra(M) returns (M); }\n";
        assertThat(String.join("\n", problems(thrift, proto, true)))
                .contains("S.watch: the gRPC method p.S/Watch is server streaming; only unary methods map")
                .contains("S.fire: the Thrift method S.fire is oneway")
                .contains("S.lonely: the method has no counterpart named lonely or Lonely");
        assertThat(String.join("\n", problems(thrift, proto, false)))
                .as("exposing gRPC, every method of the .proto needs its Thrift counterpart")
                .contains("p.S/Extra: the method has no counterpart named Extra or extra");
    }

    @Test
    void mismatchedTypesMissingFieldsAndEnumValuesAreRefused() throws Exception {
        String thrift = "enum E { A = 1, B = 2 }\n"
                + "struct M { 1: string id, 2: i32 n, 3: E e, 4: required string must }\n"
                + "service S { M get(1: M m) }\n";
        String proto = PROTO_HEAD + "enum E { Z = 0; A = 1; }\n"
                + "message M { string id = 1; string n = 2; E e = 3; int32 more = 4; }\n"
                + "service S { rpc Get(M) returns (M); }\n";
        assertThat(String.join("\n", problems(thrift, proto, true)))
                .contains("S.get arguments.n: the Thrift i32 cannot map to the protobuf string field n")
                .contains("S.get arguments.e: enum values map by name, and E's [B] are not values of p.E")
                .contains("S.get arguments.must: field must of M has no counterpart in p.M")
                .contains("S.get result.more: field more of p.M has no counterpart in M")
                .contains("S.get result.e: enum values map by name, and p.E's [Z] are not values of E")
                .contains("S.get result.must: the required field must of M has no counterpart in p.M");
    }

    @Test
    void aRouteServingOneOfTheMethodsOnTheSamePortClashes() throws Exception {
        Path idl = SHOP_IDL;
        Path proto = SHOP_PROTO;
        String udl = "udl: 8\nname: t\nsystems:\n"
                + "  th: {adapter: thrift, idl: \"" + idl + "\", port: 9091}\n"
                + "  gr: {adapter: grpc, proto: \"" + proto + "\", address: \"127.0.0.1:9094\"}\n"
                + "routes:\n  - name: r\n    from: {system: th, method: Shop.count}\n"
                + "    steps:\n      - to: {system: gr, method: shop.v1.Shop/Count}\n"
                + "translations:\n  - name: t1\n    expose: {system: th, protocol: thrift}\n    target: {system: gr}\n";
        assertThat(render(udl)).singleElement().asString().startsWith("app.udl:13:")
                .contains("[TRANSLATE-002]").contains("route r (line 8)").contains("Thrift method Shop.count");
    }

    @Test
    void anExposedSystemWithoutPortAndACalledOneWithoutAddressAreTheAdaptersProblems() throws Exception {
        Path idl = SHOP_IDL;
        Path proto = SHOP_PROTO;
        String udl = "udl: 8\nname: t\nsystems:\n"
                + "  th: {adapter: thrift, idl: \"" + idl + "\"}\n"
                + "  gr: {adapter: grpc, proto: \"" + proto + "\"}\n"
                + "translations:\n  - name: t1\n    expose: {system: th, protocol: thrift}\n    target: {system: gr}\n";
        assertThat(render(udl))
                .as("each method is a use of the system, named in its problem")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:8:").contains("serves Shop.place but has no port")
                        .contains("[THRIFT-003]"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:8:").contains("serves Shop.ping but has no port"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("[GRPC-004]"))
                .hasSize(4);
    }

    @Test
    void aThriftTranslationExposedOnAGrpcSystemIsRefused() throws Exception {
        Path idl = SHOP_IDL;
        Path proto = SHOP_PROTO;
        String udl = "udl: 8\nname: t\nsystems:\n"
                + "  th: {adapter: thrift, idl: \"" + idl + "\", port: 9091, address: \"127.0.0.1:9092\"}\n"
                + "  gr: {adapter: grpc, proto: \"" + proto + "\", port: 9093, address: \"127.0.0.1:9094\"}\n"
                + "translations:\n  - name: t1\n    expose: {system: gr, protocol: thrift}\n    target: {system: gr}\n";
        assertThat(render(udl)).singleElement().asString().startsWith("app.udl:8:")
                .contains("[TRANSLATE-007]").contains("system gr (adapter grpc) cannot expose thrift");
    }
}
