package io.unikernal.adapter.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.adapter.thrift.component.ThriftContract;
import io.unikernal.adapter.thrift.component.ThriftIdlException;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import io.unikernal.adapter.thrift.component.ThriftType;
import io.unikernal.adapter.thrift.component.ThriftValueException;
import io.unikernal.adapter.thrift.component.ThriftValues;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.probe.ProbeApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .thrift file as the adapter reads it (swift-idl-parser's grammar, includes, typedefs, inheritance, recursive
 * structs), the JSON values the routes see, and the UDL checks that use them.
 */
class ThriftChecksTest {

    @TempDir
    Path dir;

    @Test
    void aTranslationReadsTheSystemsIdlRelativeToTheUdlFile() throws Exception {
        Idl.write(dir, "orders.thrift");
        Path udl = Files.writeString(dir.resolve("app.udl.yaml"), "udl: 8\nname: t\nsystems:\n"
                + "  shop: {adapter: thrift, idl: orders.thrift, address: \"127.0.0.1:9090\"}\n");
        var system = new io.unikernal.udl.parse.UdlParser(io.unikernal.plugins.Adapters.installed()).load(udl)
                .system("shop");
        assertThat(ThriftAdapter.contract(system).methods()).containsKey("Orders.take");
    }

    @Test
    void anIdlWithIncludesTypedefsInheritanceAndEveryKindOfTypeIsRead() {
        ThriftContract contract = ThriftContract.load(Idl.write(dir, "calculator.thrift"));
        assertThat(contract.methods().keySet()).containsExactly("Calculator.ping", "Calculator.add",
                "Calculator.calculate", "Calculator.echo", "Calculator.greet", "Calculator.slow", "Calculator.flaky",
                "Calculator.zip", "Calculator.getStruct");
        ThriftMethod calculate = contract.method("Calculator.calculate");
        assertThat(calculate.result()).isEqualTo(ThriftType.Base.I32);
        assertThat(calculate.exceptionNames()).containsExactly("InvalidOperation");
        assertThat(contract.method("Calculator.zip").oneway()).isTrue();
        assertThat(contract.method("Calculator.add").arguments().fields()).extracting(ThriftType.Field::type)
                .as("typedef Number is i32").containsOnly(ThriftType.Base.I32);
        assertThat(ThriftContract.load(dir.resolve("calculator.thrift"))).as("read once per version")
                .isSameAs(contract);
    }

    @Test
    void valuesGoThroughTheWireAndBackAsTheSameJson() throws Exception {
        ThriftMethod echo = ThriftContract.load(Idl.write(dir, "calculator.thrift")).method("Calculator.echo");
        ThriftType.StructType stats = (ThriftType.StructType) echo.result();
        Map<String, Object> json = Map.of("name", "n", "values", List.of(1L, -5L), "weights", Map.of("a", 1.5),
                "ops", List.of("ADD"), "blob", "AAE=", "flag", false, "small", 3L, "medium", -2L,
                "tags", Map.of("9", List.of("x")), "choice", Map.of("text", "t"));
        Object checked = ThriftValues.coerce(stats, json, "stats");
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        @SuppressWarnings("unchecked")
        var fields = (Map<ThriftType.Field, Object>) checked;
        ThriftValues.writeStruct(new TBinaryProtocol(buffer), stats, fields);
        assertThat(StrictJson.read(StrictJson.write(ThriftValues.readStruct(new TBinaryProtocol(buffer), stats)),
                Map.class)).isEqualTo(StrictJson.read(StrictJson.write(json), Map.class));
        assertThatThrownBy(() -> ThriftValues.coerce(stats, Map.of("values", List.of(1)), "stats"))
                .isInstanceOf(ThriftValueException.class).hasMessage("stats.name is required by Stats");
        assertThatThrownBy(() -> ThriftValues.coerce(stats, Map.of("name", "n", "small", 300), "stats"))
                .hasMessage("stats.small is 300, outside byte (-128..127)");
        assertThatThrownBy(() -> ThriftValues.coerce(stats, Map.of("name", "n", "choice", Map.of("text", "a",
                "number", 1)), "stats")).hasMessageContaining("exactly one of its fields");
        assertThatThrownBy(() -> ThriftValues.coerce(stats, Map.of("name", "n", "tags", Map.of("one", List.of())),
                "stats")).hasMessageContaining("has the key 'one', which is not a i32");
        assertThatThrownBy(() -> ThriftValues.coerce(stats, Map.of("name", "n", "medium", 1.5), "stats"))
                .hasMessageContaining("not a whole number");
    }

    @Test
    void aBrokenIdlSaysWhereAndWhy() throws Exception {
        Path syntax = Files.writeString(dir.resolve("syntax.thrift"), "struct A {\n  1: i32 x\n  2: strin g y,\n}\n");
        assertThatThrownBy(() -> ThriftContract.load(syntax)).isInstanceOf(ThriftIdlException.class)
                .hasMessageContaining("syntax.thrift:3:").hasMessageNotContaining("Exception");
        Path unknown = Files.writeString(dir.resolve("unknown.thrift"), "service S {\n  Money total(1: i32 a)\n}\n");
        assertThatThrownBy(() -> ThriftContract.load(unknown)).hasMessageContaining("S.total uses the type Money,"
                + " which is not declared");
        Path noId = Files.writeString(dir.resolve("noid.thrift"), "service S {\n  i32 f(i32 a)\n}\n");
        assertThatThrownBy(() -> ThriftContract.load(noId)).hasMessageContaining("has no id");
        assertThatThrownBy(() -> ThriftContract.load(dir.resolve("absent.thrift"))).hasMessageContaining(
                "no such file");
        Path badInclude = Files.writeString(dir.resolve("inc.thrift"), "include \"gone.thrift\"\n");
        assertThatThrownBy(() -> ThriftContract.load(badInclude)).hasMessageContaining("gone.thrift")
                .hasMessageContaining("no such file");
    }

    @Test
    void theUdlChecksUseTheIdl() {
        Path idl = Idl.write(dir, "calculator.thrift");
        ThriftAdapter thrift = new ThriftAdapter();
        assertThat(ProbeApps.problems(thrift, "  remote: {adapter: thrift, address: \"127.0.0.1:9\", idl: \""
                + dir.resolve("nope.thrift") + "\"}\n", "to: {system: remote, method: Calculator.add}"))
                .singleElement().asString().contains("nope.thrift").contains("[THRIFT-001]");
        assertThat(ProbeApps.problems(thrift, "  remote: {adapter: thrift, address: \"127.0.0.1:9\", idl: \"" + idl
                + "\"}\n", "to: {system: remote, method: Calculator.divide}")).singleElement().asString()
                .contains("has no method Calculator.divide").contains("[THRIFT-002]");
        assertThat(ProbeApps.problems(thrift, "  remote: {adapter: thrift, idl: \"" + idl + "\"}\n",
                "to: {system: remote, method: Calculator.add}")).singleElement().asString()
                .contains("has no address").contains("[THRIFT-004]");
        assertThat(ProbeApps.problems(thrift, "  remote: {adapter: thrift, address: \"127.0.0.1:9\", idl: \"" + idl
                + "\", protocol: json}\n", "to: {system: remote, method: Calculator.add}")).singleElement()
                .asString().contains("protocol");
    }
}
