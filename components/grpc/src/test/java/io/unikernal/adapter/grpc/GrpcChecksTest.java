package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoContractException;
import io.unikernal.adapter.grpc.component.ProtoJson;
import io.unikernal.adapter.grpc.component.ProtoMessageException;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.plugins.Adapters;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .proto file as the adapter reads it (Wire's parser, its SchemaEncoder, protobuf-java's descriptors; Wire is
 * pinned and this covers its internal encoder), the JSON mapping the routes see, and the UDL checks that use them.
 */
class GrpcChecksTest {

    @TempDir
    Path dir;

    @Test
    void aTranslationReadsTheSystemsProtoRelativeToTheUdlFile() throws Exception {
        Path dir = Files.createTempDirectory("grpc-contract");
        Files.writeString(dir.resolve("p.proto"), "syntax = \"proto3\";\npackage p;\nmessage M { string id = 1; }\n"
                + "service S { rpc Get(M) returns (M); }\n");
        Path udl = Files.writeString(dir.resolve("app.udl.yaml"), "udl: 8\nname: t\nsystems:\n"
                + "  svc: {adapter: grpc, proto: p.proto, address: \"127.0.0.1:9090\"}\n");
        var system = new UdlParser(Adapters.installed()).load(udl).system("svc");
        assertThat(GrpcAdapter.contract(system).methods()).containsKey("p.S/Get");
    }

    @Test
    void aProtoWithImportsNestedTypesEnumsMapsAndWellKnownTypesIsRead() throws Exception {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/money.proto"), """
                syntax = "proto3";
                package common;
                message Money { string currency = 1; int64 units = 2; }
                """);
        Path file = Files.writeString(dir.resolve("shop.proto"), """
                syntax = "proto3";
                package shop.v1;
                import "common/money.proto";
                import "google/protobuf/timestamp.proto";
                message Order {
                  enum State { STATE_UNSPECIFIED = 0; OPEN = 1; PAID = 2; }
                  message Line { string sku = 1; uint32 qty = 2; }
                  string order_id = 1;
                  repeated Line lines = 2;
                  common.Money total = 3;
                  State state = 4;
                  map<string, string> tags = 5;
                  google.protobuf.Timestamp placed_at = 6;
                  optional string note = 7;
                }
                message Ack { bool ok = 1; }
                service Shop {
                  rpc Place (Order) returns (Ack);
                  rpc Track (Ack) returns (stream Order);
                }
                """);
        ProtoContract contract = ProtoContract.load(file);
        assertThat(contract.methods()).containsOnlyKeys("shop.v1.Shop/Place", "shop.v1.Shop/Track");
        ProtoMethod place = contract.method("shop.v1.Shop/Place");
        assertThat(place.input().getFullName()).isEqualTo("shop.v1.Order");
        assertThat(contract.method("shop.v1.Shop/Track").serverStreaming()).isTrue();
        String json = "{\"order_id\":\"o-1\",\"lines\":[{\"sku\":\"a\",\"qty\":2}],\"total\":{\"currency\":\"EUR\","
                + "\"units\":\"1200\"},\"state\":\"PAID\",\"tags\":{\"k\":\"v\"},\"placed_at\":\"2026-01-02T03:04:05Z\","
                + "\"note\":\"hi\"}";
        var message = ProtoJson.fromBody(json, place.input(), contract.types());
        // through bytes and back: the same JSON (the Timestamp as RFC 3339 text, int64 as a string)
        String again = ProtoJson.toJson(ProtoJson.fromBytes(message.toByteArray(), place.input()), contract.types());
        assertThat(again).isEqualTo(json);
        assertThat(ProtoJson.toJson(ProtoJson.fromBody(Map.of("order_id", "o-2"), place.input(), contract.types()),
                contract.types())).as("defaults printed").contains("\"lines\":[]").contains("\"state\":\"STATE_UNSPECIFIED\"");
        Assertions.assertThatThrownBy(() -> ProtoJson.fromBody(Map.of("orderid", "x"), place.input(),
                contract.types())).isInstanceOf(ProtoMessageException.class).hasMessageContaining("orderid")
                .hasMessageContaining("does not fit shop.v1.Order");
        assertThat(ProtoContract.load(file)).as("read once per version").isSameAs(contract);
    }

    @Test
    void aBrokenProtoSaysWhereAndWhy() throws Exception {
        Path syntax = Files.writeString(dir.resolve("syntax.proto"), "syntax = \"proto3\";\nmessage A {\n  string x = ;\n}\n");
        Assertions.assertThatThrownBy(() -> ProtoContract.load(syntax)).isInstanceOf(ProtoContractException.class)
                .hasMessageContaining("syntax.proto is not a valid .proto file").hasMessageContaining("3:")
                .hasMessageNotContaining("Exception");
        Path unresolved = Files.writeString(dir.resolve("unresolved.proto"),
                "syntax = \"proto3\";\nmessage A {\n  Money total = 1;\n}\n");
        Assertions.assertThatThrownBy(() -> ProtoContract.load(unresolved)).hasMessageContaining("Money");
        Assertions.assertThatThrownBy(() -> ProtoContract.load(dir.resolve("absent.proto")))
                .hasMessageContaining("no such file");
    }

    @Test
    void theUdlChecksUseTheProto() {
        Path proto = ContractProto.write(dir);
        GrpcAdapter grpc = new GrpcAdapter();
        assertThat(ProbeApps.problems(grpc, "  remote: {adapter: grpc, address: \"127.0.0.1:9\", proto: \""
                + dir.resolve("nope.proto") + "\"}\n", "to: {system: remote, method: contract.Orders/Take}"))
                .singleElement().asString().contains("nope.proto").contains("[GRPC-001]");
        assertThat(ProbeApps.problems(grpc, "  remote: {adapter: grpc, address: \"127.0.0.1:9\", proto: \"" + proto
                + "\"}\n", "to: {system: remote, method: contract.Orders/Give}")).singleElement().asString()
                .contains("has no method contract.Orders/Give").contains("[GRPC-002]");
        assertThat(ProbeApps.problems(grpc, "  remote: {adapter: grpc, proto: \"" + proto + "\"}\n",
                "to: {system: remote, method: contract.Orders/Take}")).singleElement().asString()
                .contains("has no address").contains("[GRPC-004]");
        String serving = "udl: 8\nname: app\nsystems:\n  svc: {adapter: grpc, proto: \"" + proto + "\"}\n"
                + "  seen: {adapter: contract-probe}\nroutes:\n  - name: r\n    from: {system: svc, method: "
                + ContractProto.TAKE + "}\n    steps:\n      - to: seen\n";
        List<String> problems = new UdlParser(ProbeApps.with(Adapters.installed().all().values()
                .toArray(io.unikernal.spi.adapter.Adapter[]::new))).parse("app.udl", serving).problems().stream()
                .map(UdlError::headline).toList();
        assertThat(problems).singleElement().asString().contains("has no port").contains("[GRPC-003]");
    }
}
