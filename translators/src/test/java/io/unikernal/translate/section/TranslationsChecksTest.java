package io.unikernal.translate.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@code translations:}, each problem at its file:line:col with its code. */
class TranslationsChecksTest {

    @TempDir
    Path dir;

    private String systems() throws Exception {
        Path proto = dir.resolve("p.proto");
        Files.writeString(proto, "syntax = \"proto3\";\npackage p;\nmessage M { string id = 1; }\n"
                + "service S { rpc Get(M) returns (M); }\n");
        return "udl: 8\nname: t\nsystems:\n  api: {adapter: http, port: 8080}\n"
                + "  payments: {adapter: grpc, address: \"127.0.0.1:9090\", proto: \"" + proto + "\"}\n"
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
    void theCommonCaseHasNoProblems() throws Exception {
        assertThat(problems(systems() + translation("{system: api, protocol: rest, path: /payments}",
                "{system: payments}"))).isEmpty();
        assertThat(problems(systems() + translation("{system: api, path: /payments}", "{system: payments}")))
                .as("rest is the default protocol").isEmpty();
    }

    @Test
    void unknownSystemsAreNamedAtTheirPositions() throws Exception {
        assertThat(problems(systems() + translation("{system: apj, path: /p}", "{system: paymnts}")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("unknown system 'apj'")
                        .contains("did you mean 'api'"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:11:").contains("unknown system 'paymnts'"));
    }

    @Test
    void aTargetWhoseAdapterHasNoTranslationIsRefused() throws Exception {
        assertThat(problems(systems() + translation("{system: api, path: /p}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:11:").contains("no translation exposes rest for"
                        + " system remote (adapter http-client)").contains("[TRANSLATE-001]")
                .contains("rest translations call systems of adapter graphql, grpc");
    }

    @Test
    void aPathARouteServesToo() throws Exception {
        String udl = systems() + translation("{system: api, path: /payments}", "{system: payments}")
                + "routes:\n  - name: r\n    from: {system: api, path: /payments/refunds}\n"
                + "    steps:\n      - to: remote\n";
        assertThat(problems(udl)).singleElement().asString().startsWith("app.udl:10:")
                .contains("translation t1 serves /payments and every path under it, which route r (line 14)")
                .contains("[TRANSLATE-002]");
        assertThat(problems(systems() + translation("{system: api, path: /payments}", "{system: payments}")
                + "routes:\n  - name: r\n    from: {system: api, path: /paymentsx}\n    steps:\n      - to: remote\n"))
                .as("a path that merely starts with the same letters is another path").isEmpty();
    }

    @Test
    void aTargetWithoutAddressAndAnExposeThatIsNoHttpServer() throws Exception {
        assertThat(problems(systems() + translation("{system: api, path: /p}", "{system: bare}")))
                .singleElement().asString().startsWith("app.udl:11:").contains("has no address")
                .contains("[GRPC-004]");
        assertThat(problems(systems() + translation("{system: payments, path: /p}", "{system: payments}")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("does not serve HTTP")
                        .contains("[TRANSLATE-003]"));
    }

    @Test
    void theShapeIsCheckedByItsDeclaration() throws Exception {
        assertThat(problems(systems() + "translations:\n  - name: t1\n    expsoe: {system: api}\n"
                + "    target: {system: payments}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("expose"));
        assertThat(problems(systems() + translation("{system: api, protocol: soap, path: /p}",
                "{system: payments}")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("soap").contains("rest"));
        assertThat(problems(systems() + translation("{system: api, path: \"/p?x=1\"}", "{system: payments}")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("path"));
        assertThat(problems(systems() + translation("{system: api, path: /a}", "{system: payments}")
                + "  - name: t1\n    expose: {system: api, path: /b}\n    target: {system: payments}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:12:").contains("translation 't1' is declared"
                        + " twice"));
    }

    /** The systems plus a grpc system that serves (a port): a gRPC to REST translation's lines start at 11. */
    private String withServed() throws Exception {
        return systems() + "  served: {adapter: grpc, port: 9090, proto: \"" + dir.resolve("p.proto") + "\"}\n";
    }

    @Test
    void aGrpcToRestTranslationInTheDocumentedShapeHasNoProblems() throws Exception {
        assertThat(problems(withServed() + translation("{system: served, protocol: grpc}",
                "{system: remote, path: /v1}"))).isEmpty();
        assertThat(problems(withServed() + translation("{system: served, protocol: grpc}", "{system: remote}")))
                .as("the target's path is optional").isEmpty();
    }

    @Test
    void aGrpcToRestTranslationExposedOnNoGrpcServerIsRefused() throws Exception {
        assertThat(problems(withServed() + translation("{system: api, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:11:").contains("does not serve gRPC")
                .contains("[TRANSLATE-005]");
        assertThat(problems(withServed() + translation("{system: bare, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:11:").contains("has no port")
                .contains("[GRPC-003]");
        assertThat(problems(withServed() + translation("{system: srved, protocol: grpc}", "{system: remote}")))
                .singleElement().asString().startsWith("app.udl:11:").contains("unknown system 'srved'")
                .contains("did you mean 'served'");
        assertThat(problems(withServed() + translation("{system: served, protocol: grpc}",
                "{system: remote, path: \"/v1?x=1\"}"))).singleElement().asString().startsWith("app.udl:12:")
                .contains("path");
    }
}
