package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public hooks other servers build on (UPT's GraphQL to REST): a schema with fetchers for any type's fields
 * ({@link GraphqlContract#loadResolving}), the engine with its limits ({@link GraphqlEngine#of}) and the reading of a
 * request ({@link GraphqlEngine#fromJson}, {@link GraphqlEngine#fromQuery}).
 */
class GraphqlEngineTest {

    @TempDir
    Path dir;

    private GraphQL engine(int maxDepth, int maxComplexity) throws Exception {
        Path sdl = Files.writeString(dir.resolve("s.graphqls"), """
                type Query { user(id: ID!): User }
                type User { id: ID! name: String! friends: [User!]! }
                """);
        DataFetcher<Object> user = env -> Map.of("id", env.getArgument("id"), "name", "Ada");
        DataFetcher<Object> friends = env -> List.of(Map.of("id", "2", "name", "Bob"));
        GraphqlContract contract = GraphqlContract.loadResolving(sdl, coordinate -> switch (coordinate) {
            case "Query.user" -> user;
            case "User.friends" -> friends;
            default -> null; // graphql-java's default: the parent's map entry
        });
        return GraphqlEngine.of(contract.schema(), maxDepth, maxComplexity);
    }

    @Test
    void anyTypesFieldsResolveByTheGivenFetchersAndTheOthersByDefault() throws Exception {
        ExecutionResult result = engine(10, 100).execute(GraphqlEngine.fromJson(
                "{\"query\": \"query Q($id: ID!) { user(id: $id) { name friends { id name } } }\","
                        + " \"variables\": {\"id\": \"1\"}, \"operationName\": \"Q\"}", false).build());
        assertThat(result.getErrors()).isEmpty();
        assertThat((Object) result.getData()).isEqualTo(Map.of("user", Map.of("name", "Ada", "friends",
                List.of(Map.of("id", "2", "name", "Bob")))));
    }

    @Test
    void limitsAndIntrospectionAreTheEnginesAndBadRequestsAreRefusedInWords() throws Exception {
        GraphQL engine = engine(3, 100);
        assertThat(engine.execute(GraphqlEngine.fromQuery("{ user(id: 1) { friends { friends { name } } } }",
                true).build()).getErrors().get(0).getMessage()).contains("depth");
        assertThat(engine(10, 3).execute(GraphqlEngine.fromQuery("{ user(id: 1) { id name friends { id } } }",
                true).build()).getErrors().get(0).getMessage()).contains("complexity");
        assertThat(engine.execute(GraphqlEngine.fromQuery("{ __schema { types { name } } }", false).build())
                .getErrors()).isNotEmpty();
        assertThat(engine.execute(GraphqlEngine.fromQuery("{ __schema { types { name } } }", true).build())
                .getErrors()).isEmpty();
        assertThatThrownBy(() -> GraphqlEngine.fromJson("{\"query\": ", false))
                .isInstanceOf(GraphqlRequestException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> GraphqlEngine.fromJson("{\"variables\": {}}", false))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> GraphqlEngine.fromJson("{\"query\": \"{ a }\", \"variables\": [1]}", false))
                .hasMessageContaining("variables must be a JSON object");
        assertThatThrownBy(() -> GraphqlEngine.fromQuery(" ", false)).hasMessageContaining("no query");
    }
}
