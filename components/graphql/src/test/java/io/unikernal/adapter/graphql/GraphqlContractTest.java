package io.unikernal.adapter.graphql;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import io.unikernal.testkit.server.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The adapter contract suite for graphql. Source role: the peer is a GraphQL caller over java.net.http on loopback
 * that sends each message as the variables of a mutation whose arguments are the message's fields; the reply is the
 * field's value. Target role: the peer is a graphql-java server of the test's own ({@link RemoteGraphql}) that
 * records the variables and headers of each mutation it runs, and restarts on the same port.
 */
class GraphqlContractTest extends AdapterContract {

    private static final String SDL = """
            type Query { ping: String }
            type Mutation { take(id: ID!, n: Int!, note: String): Message }
            type Message { id: ID, n: Int, note: String }
            """;

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return GraphqlAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                try {
                    Path sdl = Files.writeString(Files.createDirectories(workDir).resolve("contract.graphqls"), SDL);
                    return new Caller(FreePort.loopback(), sdl.toAbsolutePath());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public TargetPeer targetPeer(Path workDir) throws IOException {
                return new Remote(new RemoteGraphql());
            }

            /** The test's own server: stopping it closes its port, as a restarting service does. */
            @Override
            public TargetPeer privateTargetPeer(Path workDir) throws IOException {
                return new Remote(new RemoteGraphql());
            }
        };
    }

    private record Remote(RemoteGraphql remote) implements TargetPeer {
        @Override
        public String system() {
            return "{adapter: graphql, url: \"" + remote.url() + "\"}";
        }

        @Override
        public String use() {
            return "query: \"mutation Take($id: ID!, $n: Int!, $note: String) { take(id: $id, n: $n, note: $note)"
                    + " { id } }\"";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.of(remote.server());
        }

        @Override
        public List<Received> received() {
            return remote.calls().stream().map(call -> new Received(call.variables(),
                    call.headers().get("x-correlation-id"), call.headers().get("udmschema"),
                    call.headers().get("udmschemaversion"), call.headers())).toList();
        }

        @Override
        public void close() {
            remote.close();
        }
    }

    private record Caller(int port, Path sdl) implements SourcePeer {
        @Override
        public String system() {
            return "{adapter: graphql, port: " + port + ", schema: \"" + sdl + "\"}";
        }

        @Override
        public String use() {
            return "field: Mutation.take";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            GraphqlClient.Answer answer = new GraphqlClient(port, "/graphql").query(
                    "mutation Take($id: ID!, $n: Int!, $note: String) { take(id: $id, n: $n, note: $note) { id n note } }",
                    message.body(), "Take");
            if (answer.status() != 200 || !answer.errors().isEmpty()) {
                throw new AssertionError("the mutation answered " + answer.status() + ": " + answer.body());
            }
            return Received.body(answer.data("take"));
        }
    }
}
