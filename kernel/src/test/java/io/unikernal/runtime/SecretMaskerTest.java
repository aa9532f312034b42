package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What {@link SecretMasker} hides, in every form a secret reaches a log line or an error message. */
class SecretMaskerTest {

    private static final String M = SecretMasker.MASK;

    /** A fresh value, so tests never depend on what another test registered. */
    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void aRegisteredSecretIsMaskedWhereverItAppears() {
        String secret = unique("s3cr3t-");
        String line = "connect failed for jdbc:postgresql://db/test?x=" + secret + " (" + secret + ")";
        assertThat(SecretMasker.mask(line)).as("not registered yet: no key names it").contains(secret);

        SecretMasker.registerSecret(secret);

        assertThat(SecretMasker.isRegistered(secret)).isTrue();
        assertThat(SecretMasker.mask(line)).doesNotContain(secret)
                .isEqualTo("connect failed for jdbc:postgresql://db/test?x=" + M + " (" + M + ")");
        assertThat(SecretMasker.maskSecrets("payload " + secret)).isEqualTo("payload " + M);
    }

    @Test
    void theUrlEncodedFormOfASecretIsMaskedToo() {
        String secret = unique("p@ss word/");
        SecretMasker.registerSecret(secret);
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(encoded).isNotEqualTo(secret);
        assertThat(SecretMasker.mask("GET http://h/p?sig=" + encoded + "&a=1")).doesNotContain(encoded)
                .isEqualTo("GET http://h/p?sig=" + M + "&a=1");
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        String shorter = unique("abcd");
        String longer = shorter + "-and-more";
        SecretMasker.registerSecret(shorter);
        SecretMasker.registerSecret(longer);
        assertThat(SecretMasker.mask("v=" + longer + ";")).isEqualTo("v=" + M + ";");
    }

    @Test
    void tooShortOrEmptyValuesAreNotRegistered() {
        SecretMasker.registerSecret("abc");
        SecretMasker.registerSecret("   ");
        SecretMasker.registerSecret(null);
        assertThat(SecretMasker.isRegistered("abc")).isFalse();
        assertThat(SecretMasker.mask("abc is where it starts")).isEqualTo("abc is where it starts");
    }

    @Test
    void keyEqualsValueFormsAreMaskedToTheEndOfTheValueOnly() {
        assertThat(SecretMasker.mask("login failed: password=hunter2 user-agent kept"))
                .isEqualTo("login failed: password=" + M + " user-agent kept");
        assertThat(SecretMasker.mask("dbPassword = 'two words', next=1"))
                .isEqualTo("dbPassword = '" + M + "', next=1");
        assertThat(SecretMasker.mask("{Authorization=Bearer abc.def.ghi, CamelHttpMethod=POST}"))
                .isEqualTo("{Authorization=" + M + ", CamelHttpMethod=POST}");
        assertThat(SecretMasker.mask("Headers: {X-Api-Key=k3y-value, Cookie=a=1; session=zz9}"))
                .doesNotContain("k3y-value").doesNotContain("zz9").contains("Cookie=" + M);
    }

    @Test
    void uriQueryParametersAndUserInfoAreMasked() {
        String masked = SecretMasker.mask("HTTP operation failed invoking"
                + " http://bob:pa55w0rd@h:80/p?token=t0k3n&apiKey=k3y&page=2 with statusCode: 500");
        assertThat(masked).doesNotContain("pa55w0rd").doesNotContain("t0k3n").doesNotContain("k3y")
                .isEqualTo("HTTP operation failed invoking http://bob:" + M + "@h:80/p?token=" + M + "&apiKey=" + M
                        + "&page=2 with statusCode: 500");
        assertThat(SecretMasker.mask("sql://x?password=xxxxxx with status 2"))
                .as("Camel's own masking (xxxxxx) keeps what follows").isEqualTo("sql://x?password=" + M
                        + " with status 2");
    }

    @Test
    void keyColonValueFormsAreMasked() {
        assertThat(SecretMasker.mask("Authorization: Basic dXNlcjpwYXNz\nnext line"))
                .isEqualTo("Authorization: " + M + "\nnext line");
        assertThat(SecretMasker.mask("  password: s3cret-in-yaml")).isEqualTo("  password: " + M);
        assertThat(SecretMasker.mask("x-api-key: abcdef123 received")).isEqualTo("x-api-key: " + M + " received");
        String reference = "{{secret:PG_PASSWORD}} is not set: put it in /run/secrets";
        assertThat(SecretMasker.mask(reference)).as("a reference's name is not a value").isEqualTo(reference);
    }

    @Test
    void jsonFormsAreMaskedAnywhereInTheLine() {
        assertThat(SecretMasker.mask("body: {\"id\": 1, \"password\": \"pw with spaces\", \"amount\": 2}"))
                .isEqualTo("body: {\"id\": 1, \"password\": \"" + M + "\", \"amount\": 2}");
        assertThat(SecretMasker.mask("{\"Authorization\":\"Bearer abc\",\"dbSecret\":\"xyz123\"}"))
                .isEqualTo("{\"Authorization\":\"" + M + "\",\"dbSecret\":\"" + M + "\"}");
    }

    @Test
    void maskingTwiceChangesNothingAndPlainLinesAreUntouched() {
        String once = SecretMasker.mask("password=abc, token: def, {\"secret\":\"ghi\"}");
        assertThat(SecretMasker.mask(once)).isEqualTo(once);
        String plain = "12:00:01.123 INFO  u.orders - order 42 sent to http://127.0.0.1:9000/orders in 12 ms";
        assertThat(SecretMasker.mask(plain)).isSameAs(plain);
    }

    @Test
    void aRoutesOwnKeyHeaderBecomesCredentialLike() {
        String header = "X-Shop-" + unique("K");
        String line = "Headers: {" + header + "=raw-key-123}";
        assertThat(SecretMasker.isCredentialHeader(header)).isFalse();
        SecretMasker.addCredentialKey(header);
        assertThat(SecretMasker.mask(line)).doesNotContain("raw-key-123");
        assertThat(SecretMasker.isCredentialHeader(header)).isTrue();
    }

    @Test
    void credentialHeadersAndSecretNamesAreRecognised() {
        assertThat(List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                "X-Auth-Token", "apikey")).allMatch(SecretMasker::isCredentialHeader);
        assertThat(List.of("Content-Type", "UdmCorrelationId", "UdmCaller", "User-Agent"))
                .noneMatch(SecretMasker::isCredentialHeader);
        assertThat(List.of("DB_PASSWORD", "GITHUB_TOKEN", "API_KEY", "aws-secret-access-key"))
                .allMatch(SecretMasker::looksLikeSecretName);
        assertThat(List.of("PGUSER", "PG_URL", "PORT")).noneMatch(SecretMasker::looksLikeSecretName);
    }

    @Test
    void theSecretFunctionRegistersWhatItResolves() {
        String name = unique("mask-test-");
        String value = unique("from-property-");
        System.setProperty("unikernal.secret." + name, value);
        try {
            assertThat(new SecretPropertiesFunction().apply(name)).isEqualTo(value);
            assertThat(SecretMasker.isRegistered(value)).isTrue();
        } finally {
            System.clearProperty("unikernal.secret." + name);
        }
    }

    @Test
    void camelsLogMaskUsesTheSameMasking() {
        String secret = unique("logged-");
        SecretMasker.registerSecret(secret);
        assertThat(new SecretMaskingFormatter().format("Exchange[Body: " + secret + ", password=x1]"))
                .isEqualTo("Exchange[Body: " + M + ", password=" + M + "]");
    }

    @Test
    void errorRepliesAndDeadLetterRecordsAreMaskedAndCarryNoCredentialHeaders() throws Exception {
        String secret = unique("dl-secret-");
        SecretMasker.registerSecret(secret);
        try (CamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody("{\"id\": 1, \"note\": \"" + secret + "\"}");
            exchange.getMessage().setHeader("Authorization", "Bearer caller-token");
            exchange.getMessage().setHeader("Cookie", "session=abc");
            exchange.getMessage().setHeader("X-Shop-Key", "raw-key");
            exchange.getMessage().setHeader("X-Api-Key", "other-key");
            exchange.getMessage().setHeader("Content-Type", "application/json");
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException(
                    "HTTP operation failed invoking http://h/p?sig=" + secret + "&password=pw1 with statusCode: 500"));

            new DeadLetterRecorder("orders", "X-Shop-Key").process(exchange);

            assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("Content-Type");
            Map<?, ?> record = exchange.getMessage().getBody(Map.class);
            assertThat(record.get("reason")).isEqualTo("HTTP operation failed invoking http://h/p?sig=" + M
                    + "&password=" + M + " with statusCode: 500");
            assertThat(record.get("payload")).isEqualTo("{\"id\": 1, \"note\": \"" + M + "\"}");

            Exchange rejected = new DefaultExchange(camel);
            rejected.setProperty(Exchange.EXCEPTION_CAUGHT, new MessageRejectedException(400,
                    "invalid message: password=" + secret, List.of("field token: abc is wrong")));
            new ErrorReplyProcessor().process(rejected);
            Map<?, ?> reply = rejected.getMessage().getBody(Map.class);
            assertThat(reply.get("error")).isEqualTo("invalid message: password=" + M);
            assertThat(reply.get("details")).isEqualTo(List.of("field token: " + M + " is wrong"));
        }
    }
}
