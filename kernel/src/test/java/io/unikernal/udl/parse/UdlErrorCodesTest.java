package io.unikernal.udl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.TestAdapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.error.UdlErrorCode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One test per error code: the exact rendered message at the exact line:col. The last check proves none is missed. */
class UdlErrorCodesTest {

    private static final Set<UdlErrorCode> COVERED = EnumSet.noneOf(UdlErrorCode.class);
    private static final String NL = System.lineSeparator();

    private static final String SYSTEMS = """
            udl: 8
            name: app
            systems:
              shop: {adapter: http, path: /orders}
              db: {adapter: postgres}
              tick: {adapter: timer}
            schemas:
              Order:
                fields:
                  id: {type: string, required: true}
                  amount: {type: decimal}
            routes:
            """;

    /** The problems of the text with this code; the code is recorded as covered. */
    private static List<UdlError> problems(String text, UdlErrorCode code) {
        COVERED.add(code);
        return new UdlParser(TestAdapters.all()).parse("app.udl", text).problems().stream()
                .filter(e -> e.code() == code).toList();
    }

    private static String one(String text, UdlErrorCode code) {
        List<UdlError> found = problems(text, code);
        assertThat(found).as("problems with code " + code).hasSize(1);
        return found.get(0).render();
    }

    private static String headline(String text, UdlErrorCode code) {
        List<UdlError> found = problems(text, code);
        assertThat(found).as("problems with code " + code).hasSize(1);
        return found.get(0).headline();
    }

    @AfterAll
    static void everyCodeHasATest() {
        assertThat(EnumSet.complementOf(EnumSet.copyOf(COVERED))).as("error codes without a test").isEmpty();
    }

    @Test
    void yamlSyntax() {
        assertThat(headline("udl: 8\nname: app\nsystems: {shop: {adapter: http}\n", UdlErrorCode.YAML_SYNTAX))
                .isEqualTo("app.udl:4:1: invalid YAML: expected ',' or '}', but got <stream end> [UDL-001]");
    }

    @Test
    void yamlLimitAlias() {
        assertThat(one("udl: 8\nname: &n app\ndescription: *n\n", UdlErrorCode.YAML_LIMIT)).isEqualTo(
                "app.udl:3:14: YAML aliases are not allowed in UDL (*n) [UDL-002]" + NL
                        + "    hint: write the value out; UDL files stay alias-free so every value has one place");
    }

    @Test
    void yamlLimitTagAndDepth() {
        assertThat(headline("udl: 8\nname: !secret app\n", UdlErrorCode.YAML_LIMIT))
                .isEqualTo("app.udl:2:7: YAML tag '!secret' is not allowed in UDL [UDL-002]");
        String deep = "udl: 8\nname: app\nx: " + "[".repeat(70) + "]".repeat(70) + "\n";
        assertThat(headline(deep, UdlErrorCode.YAML_LIMIT))
                .isEqualTo("app.udl:3:67: the file nests deeper than 64 levels [UDL-002]");
    }

    @Test
    void yamlLimitStopsAtTheFirstAlias() {
        String bomb = "udl: 8\nname: &n app\nx: [" + "*n, ".repeat(100_000) + "*n]\n";
        assertThat(problems(bomb, UdlErrorCode.YAML_LIMIT)).extracting(UdlError::headline)
                .containsExactly("app.udl:3:5: YAML aliases are not allowed in UDL (*n) [UDL-002]");
    }

    @Test
    void yamlLimitMergeKey() {
        assertThat(one("udl: 8\nname: app\ntests:\n  - name: t\n    input: {body: {<<: {a: 1}, b: 2}}\n",
                UdlErrorCode.YAML_LIMIT)).isEqualTo("app.udl:5:20: the YAML merge key '<<' is not allowed in UDL "
                        + "[UDL-002]" + NL + "    hint: UDL reads YAML's core schema only: write the keys out (quote "
                        + "it, \"<<\", if it is meant as a key)");
        assertThat(problems("udl: 8\nname: app\ntests:\n  - name: t\n    input: {body: {\"<<\": 1}}\n",
                UdlErrorCode.YAML_LIMIT)).isEmpty();
    }

    @Test
    void tooManyProblems() {
        StringBuilder text = new StringBuilder("udl: 8\nname: app\n");
        for (int i = 0; i < 150; i++) {
            text.append("x").append(i).append(": 1\n");
        }
        List<UdlError> all = new UdlParser(TestAdapters.all()).parse("app.udl", text.toString()).problems();
        assertThat(all).hasSize(101);
        assertThat(all.get(99).headline()).startsWith("app.udl:102:1: unknown key 'x99'");
        assertThat(one(text.toString(), UdlErrorCode.TOO_MANY_PROBLEMS)).isEqualTo("app.udl:103:1: and 50 more "
                + "problems from here on (only the first 100 are shown) [UDL-046]" + NL
                + "    hint: fix these first: the rest often follow from them");
    }

    @Test
    void duplicateKey() {
        assertThat(one("udl: 8\nname: app\nname: other\n", UdlErrorCode.DUPLICATE_KEY)).isEqualTo(
                "app.udl:3:1: duplicate key 'name' (first at line 2) [UDL-003]" + NL
                        + "    hint: remove one of them; in UDL a later key never silently wins");
    }

    @Test
    void unknownKey() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    stpes: [{to: db}]\n", UdlErrorCode.UNKNOWN_KEY))
                .isEqualTo("app.udl:15:5: unknown key 'stpes' in route — did you mean 'steps'? [UDL-004]" + NL
                        + "    hint: allowed keys: name, description, from, steps, reply, deadLetter, policy, engine");
    }

    @Test
    void missingUseOptionInEveryFormOfUse() {
        String text = SYSTEMS.replace("systems:\n", "systems:\n  rows: {adapter: sql}\n")
                + "  - name: r\n    from: shop\n    steps:\n      - to: rows\n      - to: [db, rows]\n"
                + "      - route: {rules: [{when: \"amount > 1\", to: rows}]}\n    deadLetter: rows\n";
        List<UdlError> found = problems(text, UdlErrorCode.MISSING_KEY);
        assertThat(found).extracting(UdlError::headline).containsExactly(
                "app.udl:17:13: system 'rows' (adapter sql) needs option 'sql' in each use as a target [UDL-005]",
                "app.udl:18:18: system 'rows' (adapter sql) needs option 'sql' in each use as a target [UDL-005]",
                "app.udl:19:25: system 'rows' (adapter sql) needs option 'sql' in each use as a target [UDL-005]",
                "app.udl:20:17: system 'rows' (adapter sql) needs option 'sql' in each use as a target [UDL-005]");
        assertThat(found.get(0).hint()).isEqualTo("write to: {system: rows, sql: \"insert into t(id) values (:#id)\"}"
                + "; sql: The statement.");
        assertThat(problems(text.replace("- to: rows", "- to: {system: rows, sql: \"select 1\"}"),
                UdlErrorCode.MISSING_KEY)).hasSize(3);
    }

    @Test
    void badValueRouteKeyIsNotAFieldPath() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n"
                + "      - route: {weights: [{to: db, weight: 1}], key: \"a b\"}\n", UdlErrorCode.BAD_VALUE)).isEqualTo(
                "app.udl:16:9: 'key' is not a field path: body path 'a b' has an invalid segment 'a b' (allowed: "
                        + "letters, digits, _ $ @ -) [UDL-007]");
    }

    @Test
    void unknownAdapterOption() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  shop: {adapter: http, prot: 8080}\n", UdlErrorCode.UNKNOWN_KEY))
                .isEqualTo("app.udl:4:25: unknown option 'prot' for adapter 'http' — did you mean 'port'? [UDL-004]"
                        + NL + "    hint: options of 'http': adapter, port, host, path");
    }

    @Test
    void missingKey() {
        assertThat(one(SYSTEMS + "  - name: r\n    steps: [{to: db}]\n", UdlErrorCode.MISSING_KEY)).isEqualTo(
                "app.udl:13:5: route 'r' is missing required key 'from' [UDL-005]" + NL
                        + "    hint: The system the route consumes from, by name or as {system: x, ...source options}."
                        + " Example: from: shop");
    }

    @Test
    void wrongType() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    steps: validate\n", UdlErrorCode.WRONG_TYPE))
                .isEqualTo("app.udl:15:12: 'steps' must be a list, not a string ('validate') [UDL-006]" + NL
                        + "    hint: example: steps: [{validate: Order}, {to: db}]");
    }

    @Test
    void badValue() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: {system: shop, method: GTE}\n    steps: [{to: db}]\n",
                UdlErrorCode.BAD_VALUE)).isEqualTo("app.udl:14:34: 'method' must be one of GET, POST, PUT, PATCH, "
                        + "DELETE, not 'GTE' — did you mean 'GET'? [UDL-007]");
    }

    @Test
    void badDuration() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  tick: {adapter: timer, period: 5sec}\n",
                UdlErrorCode.BAD_DURATION)).isEqualTo("app.udl:4:34: 'period' is not a duration: '5sec' [UDL-008]"
                        + NL + "    hint: write a whole number and a unit: 250ms, 2s, 5m, 1h, 1d");
    }

    @Test
    void badUdlVersion() {
        assertThat(one("udl: 7\nname: app\n", UdlErrorCode.BAD_UDL_VERSION)).isEqualTo(
                "app.udl:1:6: this parser reads udl: 8, the file says udl: 7 [UDL-009]" + NL
                        + "    hint: write 'udl: 8' and check the file against docs/udl-reference.md");
        assertThat(headline("name: app\n", UdlErrorCode.BAD_UDL_VERSION))
                .isEqualTo("app.udl:1:1: the file does not say 'udl: 8' [UDL-009]");
    }

    @Test
    void badName() {
        assertThat(one(SYSTEMS + "  - name: order processing\n    from: shop\n    steps: [{to: db}]\n",
                UdlErrorCode.BAD_NAME)).isEqualTo("app.udl:13:11: 'order processing' is not a valid name [UDL-010]"
                        + NL + "    hint: names start with a letter and use only letters, digits, '-' and '_'");
    }

    @Test
    void unknownAdapter() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  shop: {adapter: htp}\n", UdlErrorCode.UNKNOWN_ADAPTER))
                .isEqualTo("app.udl:4:19: unknown adapter 'htp' — did you mean 'http'? [UDL-011]" + NL
                        + "    hint: installed adapters: direct, http, http-client, log, postgres, seda, sql, timer");
    }

    @Test
    void anUnsupportedAdapterSaysWhyAndWhatSupportingItNeeds() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  docs: {adapter: Mongo}\n", UdlErrorCode.UNKNOWN_ADAPTER))
                .startsWith("app.udl:4:19: adapter 'Mongo' (MongoDB) is not supported: A MongoDB server cannot run")
                .contains("[UDL-011]" + NL + "    hint: see docs/adapters/not-supported.md; supporting it needs a mongod");
    }

    @Test
    void unknownSystem() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    steps: [{to: dbb}]\n", UdlErrorCode.UNKNOWN_SYSTEM))
                .isEqualTo("app.udl:15:18: unknown system 'dbb' — did you mean 'db'? [UDL-012]" + NL
                        + "    hint: declared systems: shop, db, tick");
    }

    @Test
    void unknownSchema() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    steps: [{validate: Ordr}]\n",
                UdlErrorCode.UNKNOWN_SCHEMA)).isEqualTo("app.udl:15:24: unknown schema 'Ordr' — did you mean 'Order'? "
                        + "[UDL-013]" + NL + "    hint: declared schemas: Order");
    }

    @Test
    void unknownRoute() {
        String text = SYSTEMS + "  - name: ingest\n    from: shop\n    steps: [{to: db}]\ntests:\n"
                + "  - name: t\n    route: ingst\n    input: {body: {}}\n    expect: {status: 200}\n";
        assertThat(one(text, UdlErrorCode.UNKNOWN_ROUTE)).isEqualTo(
                "app.udl:17:5: unknown route 'ingst' — did you mean 'ingest'? [UDL-014]" + NL
                        + "    hint: declared routes: ingest");
    }

    @Test
    void duplicateName() {
        String text = SYSTEMS + "  - name: r\n    from: shop\n    steps: [{to: db}]\n"
                + "  - name: r\n    from: tick\n    steps: [{to: db}]\n";
        assertThat(one(text, UdlErrorCode.DUPLICATE_NAME)).isEqualTo(
                "app.udl:16:5: route 'r' is declared twice (first at line 13) [UDL-015]" + NL
                        + "    hint: give each route its own name");
    }

    @Test
    void unknownFieldType() {
        assertThat(one("udl: 8\nname: app\nschemas:\n  Order:\n    fields:\n      id: {type: strng}\n",
                UdlErrorCode.UNKNOWN_FIELD_TYPE)).isEqualTo("app.udl:6:18: unknown field type 'strng' — did you "
                        + "mean 'string'? [UDL-016]" + NL + "    hint: field types: string, int, double, decimal, "
                        + "boolean, timestamp, object, array, any");
    }

    @Test
    void badFieldBounds() {
        assertThat(one("udl: 8\nname: app\nschemas:\n  Order:\n    fields:\n      amount: {type: int, min: 10, max: 5}\n",
                UdlErrorCode.BAD_FIELD_BOUNDS)).isEqualTo("app.udl:6:7: field 'amount': min 10 is greater than "
                        + "max 5 [UDL-017]" + NL + "    hint: swap them or fix one");
    }

    @Test
    void badPattern() {
        assertThat(headline("udl: 8\nname: app\nschemas:\n  Order:\n    fields:\n      code: {type: string, pattern: \"[a-\"}\n",
                UdlErrorCode.BAD_PATTERN)).isEqualTo("app.udl:6:7: field 'code': pattern '[a-' is not a regular "
                        + "expression: Illegal character range [UDL-018]");
    }

    private static String filterRoute(String condition) {
        return SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - validate: Order\n"
                + "      - filter: \"" + condition + "\"\n      - to: db\n";
    }

    @Test
    void expressionSyntax() {
        assertThat(headline(filterRoute("amount >"), UdlErrorCode.EXPRESSION_SYNTAX)).startsWith(
                "app.udl:17:26: expression does not parse: ");
    }

    @Test
    void expressionType() {
        assertThat(one(filterRoute("amount > '18'"), UdlErrorCode.EXPRESSION_TYPE)).isEqualTo(
                "app.udl:17:25: expression does not type-check: found no matching overload for '_>_' applied to "
                        + "'(double, string)' [UDL-020]" + NL + "    hint: comparing a number with a string: CEL does "
                        + "not convert between them; write the number without quotes (18, not '18'), or convert with "
                        + "double(x) or string(x)");
    }

    @Test
    void expressionTypeHintsSayHowToWriteIt() {
        assertThat(problems(filterRoute("id + 1 == 'a1'"), UdlErrorCode.EXPRESSION_TYPE)).extracting(UdlError::hint)
                .containsExactly("'+' joins two strings or adds two numbers, not a string and a number: write "
                        + "string(x) to join a number to text, or double(x) to add text that holds a number");
        assertThat(problems(filterRoute("id == 'a' && 'yes'"), UdlErrorCode.EXPRESSION_TYPE)).extracting(UdlError::hint)
                .containsExactly("'&&' joins two conditions (booleans), not a boolean and a string: compare first, "
                        + "e.g. amount > 0 && status == 'new'");
    }

    @Test
    void expressionUnknownField() {
        assertThat(one(filterRoute("amout > 1"), UdlErrorCode.EXPRESSION_UNKNOWN_FIELD)).isEqualTo(
                "app.udl:17:18: 'amout' is not a field of schema Order; did you mean 'amount'? [UDL-021]" + NL
                        + "    hint: the message was validated against schema 'Order'; add the field there or fix "
                        + "the name");
    }

    @Test
    void expressionNotBoolean() {
        assertThat(one(filterRoute("amount + 1"), UdlErrorCode.EXPRESSION_NOT_BOOLEAN)).isEqualTo(
                "app.udl:17:18: the filter condition must yield a boolean, not double [UDL-022]" + NL
                        + "    hint: compare the value, e.g. amount > 0");
    }

    @Test
    void notSupportedYet() {
        assertThat(one("udl: 8\nname: app\ntranslations: []\n", UdlErrorCode.NOT_SUPPORTED_YET))
                .startsWith("app.udl:3:1: 'translations' is not supported yet [UDL-023]");
        assertThat(headline("udl: 8\nname: app\npipelines: []\n", UdlErrorCode.NOT_SUPPORTED_YET))
                .isEqualTo("app.udl:3:1: 'pipelines' is not supported yet [UDL-023]");
    }

    @Test
    void unknownStep() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - valdate: Order\n",
                UdlErrorCode.UNKNOWN_STEP)).isEqualTo("app.udl:16:9: unknown step 'valdate' — did you mean "
                        + "'validate'? [UDL-024]" + NL + "    hint: step kinds: validate, transform, filter, choose, "
                        + "split, to, fanOut, route, log");
    }

    @Test
    void stepWithTwoKinds() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - validate: Order\n        to: db\n",
                UdlErrorCode.UNKNOWN_STEP)).isEqualTo("app.udl:16:9: a step has one kind, this one has 2: validate, "
                        + "to [UDL-024]" + NL + "    hint: make each kind its own list item: '- validate: ...' then "
                        + "'- to: ...'");
    }

    @Test
    void emptySteps() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: tick\n", UdlErrorCode.EMPTY_STEPS)).isEqualTo(
                "app.udl:13:5: route 'r' has no steps and no reply [UDL-025]" + NL
                        + "    hint: add steps (e.g. 'steps: [{to: some-system}]') or a reply");
    }

    @Test
    void routeCycle() {
        String text = """
                udl: 8
                name: app
                systems:
                  a-in: {adapter: seda}
                  b-in: {adapter: direct}
                routes:
                  - name: a
                    from: a-in
                    steps: [{to: b-in}]
                  - name: b
                    from: b-in
                    steps: [{log: hop}, {to: a-in}]
                """;
        assertThat(one(text, UdlErrorCode.ROUTE_CYCLE)).isEqualTo("app.udl:9:18: routes feed each other in a "
                + "loop: route a -> system b-in -> route b -> system a-in -> route a [UDL-026]" + NL
                + "    hint: break the loop: a route must not send, directly or through other routes, to the "
                + "system it consumes");
    }

    @Test
    void notASource() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: db\n    steps: [{log: x}]\n", UdlErrorCode.NOT_A_SOURCE))
                .isEqualTo("app.udl:14:11: system 'db' (adapter postgres) cannot be a source [UDL-027]" + NL
                        + "    hint: adapters that can be sources: direct, http, seda, timer");
    }

    @Test
    void notATarget() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: tick\n    steps: [{to: [db, shop]}]\n",
                UdlErrorCode.NOT_A_TARGET)).isEqualTo("app.udl:15:23: system 'shop' (adapter http) cannot be a "
                        + "target [UDL-028]" + NL + "    hint: adapters that can be targets: direct, http-client, "
                        + "log, postgres, seda, sql");
    }

    @Test
    void httpPortConflict() {
        String text = "udl: 8\nname: app\nsystems:\n  shop: {adapter: http}\n  admin: {adapter: http, port: 9090}\n";
        assertThat(one(text, UdlErrorCode.LISTENER_CONFLICT)).isEqualTo("app.udl:5:32: http system 'admin' uses "
                + "port 9090, but 'shop' (line 4) uses 8080 [UDL-029]" + NL + "    hint: all http systems of an app "
                + "share one listener: use one port (a second port needs the netty-http adapter)");
    }

    @Test
    void httpHostConflict() {
        String text = "udl: 8\nname: app\nsystems:\n  shop: {adapter: http}\n  admin: {adapter: http, host: 0.0.0.0}\n";
        assertThat(one(text, UdlErrorCode.LISTENER_CONFLICT)).isEqualTo("app.udl:5:32: http system 'admin' uses "
                + "host 0.0.0.0, but 'shop' (line 4) uses 127.0.0.1 [UDL-029]" + NL + "    hint: all http systems of "
                + "an app share one listener: use one host");
    }

    @Test
    void duplicateEndpoint() {
        String text = SYSTEMS + "  - name: a\n    from: {system: shop, path: /x}\n    steps: [{to: db}]\n"
                + "  - name: b\n    from: {system: shop, method: POST, path: x}\n    steps: [{to: db}]\n";
        assertThat(one(text, UdlErrorCode.DUPLICATE_ENDPOINT)).isEqualTo("app.udl:17:20: routes 'a' and 'b' both "
                + "consume POST /orders/x [UDL-030]" + NL + "    hint: merge them into one route with choose, or "
                + "give one its own endpoint");
    }

    @Test
    void replyWithoutCaller() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: tick\n    steps: [{to: db}]\n    reply: {status: 201}\n",
                UdlErrorCode.REPLY_WITHOUT_CALLER)).isEqualTo("app.udl:16:12: route 'r' has a reply, but its source "
                        + "'tick' (adapter timer) has no caller waiting for one [UDL-031]" + NL
                        + "    hint: remove reply, or send the result on with 'to:'");
    }

    @Test
    void badReference() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  db: {adapter: postgres, user: \"me-${env:}\"}\n",
                UdlErrorCode.BAD_REFERENCE)).isEqualTo("app.udl:4:37: malformed reference '${env:}': the name is "
                        + "missing [UDL-032]" + NL + "    hint: write ${env:NAME}, ${env:NAME:default} or ${secret:NAME}");
    }

    @Test
    void plainSecret() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  db: {adapter: postgres, password: pw}\n",
                UdlErrorCode.PLAIN_SECRET)).isEqualTo("app.udl:4:37: option 'password' of system 'db' holds a literal "
                        + "secret [UDL-033]" + NL + "    hint: write ${secret:NAME} or ${env:NAME} so the value stays "
                        + "out of the file (for development only, --allow-literal-secrets makes this a warning)");
    }

    @Test
    void aLiteralSecretIsOnlyAWarningWhenAllowedForDevelopment() {
        List<UdlError> found = new UdlParser(TestAdapters.all()).allowingLiteralSecrets(true).parse("app.udl",
                "udl: 8\nname: app\nsystems:\n  db: {adapter: postgres, password: pw}\n").problems();
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.isError()).isFalse();
            assertThat(e.headline()).isEqualTo(
                    "app.udl:4:37: warning: option 'password' of system 'db' holds a literal secret [UDL-033]");
        });
    }

    @Test
    void badStatus() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    reply: {status: 700}\n", UdlErrorCode.BAD_STATUS))
                .isEqualTo("app.udl:15:21: HTTP status 700 is outside 100..599 [UDL-034]" + NL
                        + "    hint: use a status such as 200, 201, 202 or 204");
    }

    @Test
    void fileNotFound() {
        COVERED.add(UdlErrorCode.FILE_NOT_FOUND);
        ParseResult result = new UdlParser(TestAdapters.all()).parse(Path.of("no/such/app.udl"));
        assertThat(result.document()).isNull();
        assertThat(result.problems()).extracting(UdlError::headline).containsExactly(
                "no/such/app.udl:1:1: file 'no/such/app.udl' cannot be read [UDL-035]");
    }

    @Test
    void badOptionOutsideTheAdaptersDeclaredRange() {
        assertThat(one("udl: 8\nname: app\nsystems:\n  shop: {adapter: http, port: 70000}\n", UdlErrorCode.BAD_OPTION))
                .isEqualTo("app.udl:4:31: 'port' must be between 0 and 65535, not 70000 [UDL-036]");
    }

    @Test
    void emptyFile() {
        assertThat(headline("", UdlErrorCode.EMPTY_FILE)).isEqualTo("app.udl:1:1: the file is empty [UDL-037]");
        assertThat(headline("# only a comment\n- a\n", UdlErrorCode.EMPTY_FILE))
                .isEqualTo("app.udl:2:1: a UDL file must be a map of sections, not a list [UDL-037]");
    }

    @Test
    void conflictingKeys() {
        String text = SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - choose:\n"
                + "          - when: \"amount > 1\"\n            otherwise: [{to: db}]\n";
        assertThat(one(text, UdlErrorCode.CONFLICTING_KEYS)).isEqualTo("app.udl:18:13: 'when' and 'otherwise' "
                + "cannot be used together [UDL-038]" + NL + "    hint: put otherwise in its own, last item of choose");
    }

    @Test
    void badRate() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    policy: {rateLimit: {rate: 100/sec}}\n"
                + "    steps: [{to: db}]\n", UdlErrorCode.BAD_RATE))
                .isEqualTo("app.udl:15:32: rate '100/sec' is not a number of permits per unit [UDL-039]");
    }

    @Test
    void badKeyHash() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    policy: {auth: {apiKeys: [{id: a, sha256: "
                + "\"secret-key\"}]}}\n    steps: [{to: db}]\n", UdlErrorCode.BAD_KEY_HASH))
                .isEqualTo("app.udl:15:47: the sha256 of API key 'a' is not 64 lowercase hex digits (its value is "
                        + "not shown) [UDL-040]");
    }

    @Test
    void policyNeedsKeys() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    policy: {rateLimit: {rate: 5/s, per: caller}}\n"
                + "    steps: [{to: db}]\n", UdlErrorCode.POLICY_NEEDS_KEYS))
                .isEqualTo("app.udl:15:25: route 'r': rateLimit per caller needs to know the caller [UDL-041]");
    }

    @Test
    void engineFallback() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    engine: rust\n    steps:\n      - choose:\n"
                + "          - when: \"amount * 2.0 > 5.0\"\n            to: db\n", UdlErrorCode.ENGINE_FALLBACK))
                .isEqualTo("app.udl:17:9: warning: route 'r' asks for engine rust, but this choose has a condition "
                        + "that is not a simple field test, so the choose runs on CEL [UDL-042]" + NL
                        + "    hint: engine conditions are field == 'text', field <op> number (== < <= > >=), "
                        + "field.startsWith('x'), field in ['a', 'b'], joined by &&; fields are body paths or headers.x");
    }

    @Test
    void tooFewTargets() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - fanOut: {to: [db], join: all}\n",
                UdlErrorCode.TOO_FEW_TARGETS)).isEqualTo("app.udl:16:9: a fanOut needs 2 or more targets, this one "
                        + "has 1 [UDL-044]");
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - route:\n"
                + "          adaptive: {targets: [db]}\n", UdlErrorCode.TOO_FEW_TARGETS))
                .isEqualTo("app.udl:17:21: adaptive routing needs 2 or more targets, this one has 1 [UDL-044]");
    }

    @Test
    void routeRuleNotSimple() {
        assertThat(headline(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n      - route:\n"
                + "          rules: [{when: \"amount * 2.0 > 5.0\", to: db}]\n", UdlErrorCode.ROUTE_RULE_NOT_SIMPLE))
                .isEqualTo("app.udl:17:27: this rule is not a simple field test, so the routing engine cannot "
                        + "decide it [UDL-043]");
    }

    @Test
    void notAKeyStore() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    policy: {idempotency: {key: id, store: tick}}\n"
                + "    steps: [{to: db}]\n", UdlErrorCode.NOT_A_KEY_STORE)).isEqualTo("app.udl:15:44: system 'tick' "
                        + "(adapter timer) cannot keep processed keys [UDL-045]" + NL + "    hint: an idempotency store "
                        + "is a system of an adapter that keeps keys: postgres");
    }

    @Test
    void noKeyStoreNamedAndNoEmbeddedDefaultInstalled() {
        assertThat(one(SYSTEMS + "  - name: r\n    from: shop\n    policy: {idempotency: {key: id}}\n"
                + "    steps: [{to: db}]\n", UdlErrorCode.NOT_A_KEY_STORE)).isEqualTo("app.udl:15:27: route 'r' names "
                        + "no idempotency store, and no installed adapter offers an embedded one (the jdbc adapter's "
                        + "H2 does) [UDL-045]" + NL + "    hint: name a store: a system of an adapter that keeps keys: "
                        + "postgres");
    }

    @Test
    void aKeyStoreOfAnAdapterThatKeepsKeysIsAccepted() {
        assertThat(problems(SYSTEMS + "  - name: r\n    from: shop\n    policy: {idempotency: {key: id, store: db}}\n"
                + "    steps: [{to: db}]\n", UdlErrorCode.NOT_A_KEY_STORE)).isEmpty();
    }

    @Test
    void logReachesSecrets() {
        List<UdlError> found = problems(SYSTEMS + "  - name: r\n    from: shop\n    steps:\n"
                + "      - log: \"${sysenv.DB_PASSWORD} ${header.Authorization} ${header.X-Shop} ${env:DB_PASSWORD}\"\n",
                UdlErrorCode.LOG_REACHES_SECRETS);
        assertThat(found).extracting(UdlError::render).containsExactly(
                "app.udl:16:15: log step: '${sysenv.DB_PASSWORD}' reads the process environment around the secret "
                        + "masking [UDL-050]" + NL + "    hint: write ${env:NAME} (resolved at start-up, masked when "
                        + "the name says it is secret) or leave it out",
                "app.udl:16:37: log step: '${header.Authorization}' prints the caller's credential header "
                        + "'Authorization' [UDL-050]" + NL + "    hint: log ${headers} (credential values are masked "
                        + "there) or a header that is not a credential");
    }

    @Test
    void logStepsMayNotReachSystemPropertiesPlaceholdersBeansOrTheRoutesKeyHeader() {
        List<UdlError> found = problems(SYSTEMS + "  - name: r\n    from: shop\n"
                + "    policy: {auth: {header: X-Shop-Id, apiKeys: [{id: a, sha256: \"" + "0".repeat(64) + "\"}]}}\n"
                + "    steps:\n"
                + "      - log: \"${sys.user.home} {{db.password}} ${bean:x} ${header.${body}} ${headers.x-shop-id}"
                + " $simple{sysenv.HOME} ${body} ${headers} ${date:now:HH:mm} ${routeId}\"\n",
                UdlErrorCode.LOG_REACHES_SECRETS);
        assertThat(found).extracting(UdlError::headline).containsExactly(
                "app.udl:17:15: log step: '${sys.user.home}' reads the JVM's system properties [UDL-050]",
                "app.udl:17:32: log step: '{{db.password}}' reads the app's configuration and environment as a "
                        + "Camel property placeholder [UDL-050]",
                "app.udl:17:48: log step: '${bean:x}' is not one of the functions allowed here [UDL-050]",
                "app.udl:17:58: log step: '${header.${body}}' computes what it reads from another expression "
                        + "[UDL-050]",
                "app.udl:17:76: log step: '${headers.x-shop-id}' prints the caller's credential header 'x-shop-id' "
                        + "[UDL-050]",
                "app.udl:17:97: log step: '$simple{sysenv.HOME}' is Camel's other expression syntax, which this "
                        + "check cannot see into [UDL-050]");
    }

    @Test
    void secretInReply() {
        List<UdlError> found = problems(SYSTEMS + "  - name: r\n    from: shop\n"
                + "    reply: {headers: {X-Debug: \"${env:DB_PASSWORD}\", X-Sig: \"sig ${secret:sig}\","
                + " X-Region: \"${env:REGION:eu}\"}}\n", UdlErrorCode.SECRET_IN_REPLY);
        assertThat(found).extracting(UdlError::render).containsExactly(
                "app.udl:15:33: reply header 'X-Debug' would send the secret ${env:DB_PASSWORD} to the caller "
                        + "[UDL-051]" + NL + "    hint: remove the header, or use a variable whose value is not secret",
                "app.udl:15:66: reply header 'X-Sig' would send the secret ${secret:sig} to the caller [UDL-051]"
                        + NL + "    hint: remove the header, or use a variable whose value is not secret");
    }
}
