package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.SecretMasker;
import io.unikernal.testkit.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a route's own text can reach: a log step reading {@code ${env:NAME}} of a secret-like variable that no
 * system option uses, a reply header with an {@code ${env:...}} reference, and CEL (transform and reply body) over
 * the headers of a call that carries credentials. {@code unikernal run} in its own JVM: no secret or credential in
 * any line it writes or in the reply, the non-secret reference resolved. What a log step or reply header may not
 * reach is refused by {@code unikernal validate} with its position.
 */
class LogAndReplySecretsFeatureTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private final String dbPassword = "pw-" + token();
    private final String region = "region-" + token();
    private final String bearer = "tok-" + token();
    private final String apiKey = "key-" + token();

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Test
    void aLogStepAReplyHeaderAndCelShowNoSecretOrCredential() throws Exception {
        int port = Http.freePort();
        Path udl = tmp.resolve("echo.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: echo
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: echo
                    from: {system: api, method: POST, path: /echo}
                    steps:
                      - log: "arrived ${body} with ${headers}; password ${env:LRS_DB_PASSWORD} in ${env:LRS_REGION}"
                      - transform: {set: {seen: "headers"}}
                    reply:
                      status: 200
                      headers: {X-Region: "${env:LRS_REGION}", X-Zone: "${env:LRS_ZONE:zone-a}"}
                """.formatted(port));
        HttpResponse<String> reply;
        String output;
        try (CliProcess app = CliProcess.start(tmp, Map.of("LRS_DB_PASSWORD", dbPassword, "LRS_REGION", region),
                "run", udl.toString())) {
            app.awaitServing(port);
            reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + bearer).header("X-Api-Key", apiKey).header("X-Shop", "s1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            app.close();
            output = app.output();
        }
        System.out.println("what unikernal run wrote:\n" + output);
        String replyText = reply.headers().map() + " " + reply.body();
        for (String secret : List.of(dbPassword, bearer, apiKey)) {
            assertThat(output).as("the log has no trace of %s", secret).doesNotContain(secret);
            assertThat(replyText).as("the reply has no trace of %s", secret).doesNotContain(secret);
        }
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("X-Region")).as("resolved as everywhere in UDL").hasValue(region);
        assertThat(reply.headers().firstValue("X-Zone")).as("the default").hasValue("zone-a");
        assertThat(reply.body()).as("CEL sees the other headers").containsIgnoringCase("\"x-shop\":\"s1\"")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("x-api-key");
        assertThat(Arrays.asList(output.split("\\R"))).filteredOn(l -> l.contains("arrived {"))
                .singleElement().asString().contains("password " + SecretMasker.MASK + " in " + region)
                .containsIgnoringCase("authorization=" + SecretMasker.MASK);
    }

    @Test
    void validateRefusesWhatALogStepOrAReplyHeaderMayNotReach() throws Exception {
        Path udl = tmp.resolve("leaky.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: leaky
                systems:
                  api: {adapter: http}
                routes:
                  - name: leaky
                    from: {system: api, method: POST, path: /leaky}
                    steps:
                      - log: "${env:DB_PASSWORD} ${sysenv.DB_PASSWORD} ${header.Authorization}"
                    reply: {headers: {X-Debug: "${env:DB_PASSWORD}"}}
                """);
        try (CliProcess validate = CliProcess.start(tmp, Map.of("DB_PASSWORD", dbPassword), "validate",
                udl.toString())) {
            assertThat(validate.awaitExit()).isEqualTo(1);
            assertThat(validate.output()).contains(udl + ":9:34: log step: '${sysenv.DB_PASSWORD}' reads the "
                    + "process environment around the secret masking [UDL-050]")
                    .contains(udl + ":9:56: log step: '${header.Authorization}' prints the caller's credential "
                            + "header 'Authorization' [UDL-050]")
                    .contains(udl + ":10:33: reply header 'X-Debug' would send the secret ${env:DB_PASSWORD} to the "
                            + "caller [UDL-051]")
                    .doesNotContain(dbPassword);
        }
    }
}
