package io.unikernal.translate.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of a gRPC to REST translation, each problem at its file:line:col with its code. */
class GrpcToRestChecksTest {

    @TempDir
    Path dir;

    private String systems() throws Exception {
        Path proto = dir.resolve("p.proto");
        Files.writeString(proto, "syntax = \"proto3\";\npackage p;\nmessage M { string id = 1; }\n"
                + "service S { rpc Get(M) returns (M); }\n");
        return "udl: 8\nname: t\nsystems:\n  api: {adapter: http, port: 8080}\n"
                + "  served: {adapter: grpc, port: 9090, proto: \"" + proto + "\"}\n"
                + "  remote: {adapter: http-client, url: \"http://127.0.0.1:9/x\"}\n"
                + "  bare: {adapter: grpc, proto: \"" + proto + "\"}\n";
    }

    private static List<String> problems(String udl) {
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private static String translation(String expose, String target) {
        return "translations:\n  - name: t1\n    expose: " + expose + "\n    target: " + target + "\n";
    }

    @Test
    void theDocumentedShapeHasNoProblems() throws Exception {
        assertThat(problems(systems() + translation("{system: served, protocol: grpc}",
                "{system: remote, path: /v1}"))).isEmpty();
        assertThat(problems(systems() + translation("{system: served, protocol: grpc}", "{system: remote}")))
                .as("the target's path is optional").isEmpty();
    }

    @Test
    void anExposedSystemThatIsNoGrpcServerIsRefused() throws Exception {
        assertThat(problems(systems() + translation("{system: api, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:10:").contains("does not serve gRPC")
                .contains("[TRANSLATE-005]");
        assertThat(problems(systems() + translation("{system: bare, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:10:").contains("has no port")
                .contains("[GRPC-003]");
        assertThat(problems(systems() + translation("{system: srved, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:10:").contains("unknown system 'srved'")
                .contains("did you mean 'served'");
    }

    @Test
    void aTargetPathWithAQueryIsRefusedAtItsPosition() throws Exception {
        assertThat(problems(systems() + translation("{system: served, protocol: grpc}",
                "{system: remote, path: \"/v1?x=1\"}"))).singleElement().asString().startsWith("app.udl:11:")
                .contains("path");
    }
}
