package io.unikernal.adapter.http;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.http.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;

/** The adapter contract suite for http: the peer is an HTTP caller on loopback, the app listens on a free port. */
class HttpServerContractTest extends AdapterContract {

    private static final String PATH = "/contract";

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "http";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new Caller(Http.freePort());
            }
        };
    }

    /** POSTs each message as JSON with its X-Correlation-Id; the reply is the route's. */
    private record Caller(int port) implements SourcePeer {
        @Override
        public String system() {
            return "{adapter: http, port: " + port + ", path: " + PATH + "}";
        }

        @Override
        public String use() {
            return "method: POST";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            HttpResponse<String> reply = Http.postForResponse(port, PATH, message.json(), "X-Correlation-Id",
                    message.correlationId());
            if (reply.statusCode() != 200) {
                throw new AssertionError("POST " + PATH + " answered " + reply.statusCode() + ": " + reply.body());
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            reply.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            return new Received(StrictJson.read(reply.body(), Object.class),
                    reply.headers().firstValue("X-Correlation-Id").orElse(null), null, null, headers);
        }
    }
}
