package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What UDL may say about NATS systems: the worked examples check and compile; mistakes are reported where written. */
class NatsDeclarationsTest {

    @TempDir
    Path workDir;

    private static List<String> problems(String systems, String route) {
        String udl = "udl: 8\nname: app\nsystems:\n" + systems + "routes:\n  - name: r\n" + route;
        return new UdlParser(NatsApp.ADAPTERS).parse("app.udl", udl).problems().stream().map(UdlError::headline)
                .toList();
    }

    @Test
    void theWorkedExamplesCheckWithNoProblemAndCompile() throws IOException {
        for (String name : List.of("nats", "nats-jetstream")) {
            String file = "META-INF/unikernal/examples/" + name + ".udl.yaml";
            String udl;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                udl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ParseResult parsed = new UdlParser(Adapters.installed()).parse(file, udl);
            assertThat(parsed.problems()).as(file).extracting(UdlError::headline).isEmpty();
            new UdlCompiler(Adapters.installed()).compile(parsed.orThrow(), workDir, CompileOptions.DEFAULT);
        }
    }

    @Test
    void aTargetCannotPublishToAWildcard() {
        assertThat(problems("  feed: {adapter: contract-probe}\n  out: {adapter: nats, subject: \"orders.*\"}\n",
                "    from: feed\n    steps:\n      - to: out\n"))
                .containsExactly("app.udl:5:33: cannot publish to 'orders.*' of system out: a wildcard matches"
                        + " subjects, it names none [NATS-001]");
        assertThat(problems("  feed: {adapter: contract-probe}\n"
                        + "  out: {adapter: nats-jetstream, stream: S, subject: \"orders.>\"}\n",
                "    from: feed\n    steps:\n      - to: out\n"))
                .singleElement().asString().endsWith("[NATS-001]");
        // a source may subscribe to one
        assertThat(problems("  in: {adapter: nats, subject: \"orders.*.eu\"}\n  seen: {adapter: contract-probe}\n",
                "    from: in\n    steps:\n      - to: seen\n")).isEmpty();
    }

    @Test
    void credentialsStayOutOfServerAddressesAndSubjectsAreChecked() {
        String route = "    from: in\n    steps:\n      - to: seen\n";
        assertThat(problems("  in: {adapter: nats, servers: \"nats://me:secret@127.0.0.1:4222\", subject: a}\n"
                + "  seen: {adapter: contract-probe}\n", route)).singleElement().asString()
                .contains("without credentials").endsWith("[UDL-036]");
        assertThat(problems("  in: {adapter: nats, subject: \"orders..eu\"}\n  seen: {adapter: contract-probe}\n",
                route)).singleElement().asString().contains("a NATS subject").endsWith("[UDL-036]");
        assertThat(problems("  in: {adapter: nats, subject: a, password: \"${secret:P}\"}\n"
                + "  seen: {adapter: contract-probe}\n", route)).singleElement().asString().contains("user");
        assertThat(problems("  in: {adapter: nats, subject: a, token: plain-text}\n  seen: {adapter: contract-probe}\n",
                route)).singleElement().asString().contains("literal secret").endsWith("[UDL-033]");
    }

    @Test
    void jetStreamOptionsAreChecked() {
        String route = "    from: {system: in, maxDeliver: 0}\n    steps:\n      - to: seen\n";
        assertThat(problems("  in: {adapter: nats-jetstream, stream: S, subject: a, storage: disk}\n"
                + "  seen: {adapter: contract-probe}\n", route)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("storage").contains("file"))
                .anySatisfy(p -> assertThat(p).contains("maxDeliver"));
    }
}
