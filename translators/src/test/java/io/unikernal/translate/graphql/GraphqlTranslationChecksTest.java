package io.unikernal.translate.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of both GraphQL translation kinds, each problem at its file:line:col with its code. */
class GraphqlTranslationChecksTest {

    @TempDir
    Path dir;
    private Path sdl;
    private Path library;

    @BeforeEach
    void files() throws Exception {
        sdl = Files.copy(Path.of("src/test/resources/graphql-rest/shop.graphqls"), dir.resolve("shop.graphqls"));
        library = Files.copy(Path.of("src/test/resources/graphql-rest/library.graphqls"),
                dir.resolve("library.graphqls"));
    }

    private static final String SYSTEMS = "udl: 8\nname: t\nsystems:\n  api: {adapter: http, port: 8080}\n"
            + "  shop: {adapter: http-client, url: \"http://127.0.0.1:9/shop\"}\n"
            + "  events: {adapter: kafka, brokers: \"127.0.0.1:9092\", topic: t}\n";

    private static List<String> problems(String udl) {
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private String graphql(String expose, String resolve) {
        return SYSTEMS + "translations:\n  - name: g\n    expose: " + expose + "\n    target: {system: shop}\n"
                + "    sdl: \"" + sdl + "\"\n    resolve:\n" + resolve;
    }

    private static final String ALL = "      Query.user: \"GET /users/{id}\"\n      Query.users: \"GET /users\"\n"
            + "      Query.unmapped: \"GET /unmapped\"\n      Mutation.createUser: \"POST /users\"\n";

    @Test
    void graphqlToRestChecksEveryResolveAtItsLine() throws Exception {
        assertThat(problems(graphql("{system: api, protocol: graphql, path: /graphql}", ALL))).isEmpty();
        assertThat(problems(graphql("{system: api, protocol: graphql}", ALL
                + "      User.order: \"GET /x\"\n"
                + "      User.address: \"FETCH /users/{id}\"\n"
                + "      User.orders: \"GET /users/{userId}/orders\"\n"
                + "      User.friends: \"GET /users/{parent.uid}/friends\"\n"
                + "      Shop.name: \"GET /name\"\n")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:17:").contains("User has no field order")
                        .contains("[TRANSLATE-030]"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:18:").contains("is not VERB /path"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:19:").contains("User.orders has no argument"
                        + " userId"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:20:").contains("User has no field uid"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:21:").contains("no object type Shop"));
        assertThat(problems(graphql("{system: api, protocol: graphql}",
                "      Query.user: \"GET /users/{parent.id}\"\n      Mutation.createUser: \"GET /users\"\n")))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:13:").contains("root field: it has no parent"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:14:").contains("argument input of"
                        + " Mutation.createUser is an input object, which GET cannot send"))
                .anySatisfy(p -> assertThat(p).contains("warning").contains("no REST call resolves Query.unmapped,"
                        + " Query.users"));
        assertThat(problems(graphql("{system: events, protocol: graphql}", ALL)))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:9:").contains("does not serve HTTP, so it cannot"
                        + " expose GraphQL").contains("[TRANSLATE-003]"));
        assertThat(problems(SYSTEMS + "translations:\n  - name: g\n    expose: {system: api, protocol: graphql}\n"
                + "    target: {system: shop}\n    sdl: missing.graphqls\n"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:11:").contains("does not exist")
                        .contains("[TRANSLATE-030]"));
    }

    private String rest(String target, String document) throws Exception {
        Path operations = Files.writeString(dir.resolve("ops.graphql"), document);
        return "udl: 8\nname: t\nsystems:\n  api: {adapter: http, port: 8080}\n"
                + "  library: {adapter: graphql, url: \"http://127.0.0.1:9/graphql\", schema: \"" + library
                + "\", port: 8080}\n  bare: {adapter: graphql, schema: \"" + library + "\", port: 8080}\n"
                + "translations:\n  - name: r\n    expose: {system: api, path: /library}\n    target: " + target
                + "\n    operations: \"" + operations + "\"\n";
    }

    @Test
    void restToGraphqlChecksTheOperationsAgainstTheTargetsSchema() throws Exception {
        assertThat(problems(rest("{system: library}", "query Book($id: ID!) { book(id: $id) { title } }")))
                .isEmpty();
        assertThat(problems(rest("{system: library}", "query Book($id: ID!) { book(id: $id) { titel } }")))
                .singleElement().asString().startsWith("app.udl:11:").contains("ops.graphql:1:")
                .contains("titel").contains("[TRANSLATE-031]");
        assertThat(problems(rest("{system: library}", "{ books { title } }")))
                .singleElement().asString().contains("ops.graphql:1:1: an operation without a name");
        assertThat(problems(rest("{system: library}", "query A { broken }\nquery A { mandatory }")))
                .singleElement().asString().contains("ops.graphql:2:1: a second operation named A");
        assertThat(problems(rest("{system: library}", "query A { broken ")))
                .singleElement().asString().contains("ops.graphql:1:");
        assertThat(problems(rest("{system: bare}", "query A { broken }")))
                .singleElement().asString().startsWith("app.udl:10:").contains("has no url");
    }
}
