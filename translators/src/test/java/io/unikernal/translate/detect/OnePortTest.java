package io.unikernal.translate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.channelz.v1.ChannelzGrpc;
import io.grpc.channelz.v1.GetServerRequest;
import io.grpc.channelz.v1.GetServerResponse;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One listening port answers, in the same run, a generated grpc-java stub (h2c with prior knowledge), a CXF SOAP
 * client (JAX-WS Dispatch), a GraphQL query, a WebSocket upgrade (the JDK's client) and a REST call — the REST call
 * going through the REST → gRPC translation,
 * which calls the gRPC method on that same port — and refuses bytes that are no HTTP with a 400 and a closed
 * connection; in process and from the emitted YAML. On the same port, the translations that expose gRPC and SOAP:
 * a generated grpc-java stub ({@code ChannelzGrpc}) calls a gRPC → REST translation and a CXF client a SOAP → REST
 * translation, both answered by a real HTTP server of the test ({@link RestBackend}), and a WebSocket client is
 * bridged to a real TCP server ({@link LineEchoPeer}) by a WebSocket → TCP translation.
 * Each protocol reaches its own handler by what the request is
 * (HTTP/2 with {@code application/grpc}, the SOAP path, the GraphQL path, any other HTTP request), on the app's one
 * Vert.x listener; no proxy in front of it.
 */
class OnePortTest {

    private static final String ECHO_NS = "urn:unikernal:test:echo";
    private static final byte[] TLS_HELLO = HexFormat.of().parseHex("160301003e0100003a0303"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00000200ff01000000");

    @TempDir
    Path workDir;

    @Test
    void onePortAnswersGrpcSoapGraphqlWebSocketAndRestAndRefusesWhatIsNoHttp() throws Exception {
        int port = FreePort.loopback();
        Path proto = workDir.resolve("health.proto");
        try (InputStream published = HealthStatusManager.class.getClassLoader()
                .getResourceAsStream("grpc/health/v1/health.proto")) {
            Files.copy(Objects.requireNonNull(published), proto);
        }
        Path channelz = workDir.resolve("channelz.proto");
        try (InputStream published = HealthStatusManager.class.getClassLoader()
                .getResourceAsStream("grpc/channelz/v1/channelz.proto")) {
            Files.copy(Objects.requireNonNull(published), channelz);
        }
        Path wsdl = copy("one-port/echo.wsdl");
        Path sdl = copy("one-port/api.graphqls");
        String name = "one-port-" + UUID.randomUUID().toString().substring(0, 8);
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: http, port: " + port + "}\n"
                + "  health: {adapter: grpc, listener: http, port: " + port + ", address: \"127.0.0.1:" + port
                + "\", proto: \"" + proto + "\"}\n"
                + "  echo: {adapter: soap, listener: http, port: " + port + ", path: /echo, wsdl: \"" + wsdl + "\"}\n"
                + "  gql: {adapter: graphql, port: " + port + ", schema: \"" + sdl + "\"}\n"
                + "  ws: {adapter: websocket, listener: http, port: " + port + ", path: /ws}\n"
                + "  channelz: {adapter: grpc, listener: http, port: " + port + ", proto: \"" + channelz + "\"}\n"
                + "  echoRest: {adapter: soap, listener: http, port: " + port + ", path: /echo-rest, wsdl: \""
                + wsdl + "\"}\n"
                + "  backend: {adapter: http-client, url: \"" + backend.url() + "\"}\n"
                + "  wsTcp: {adapter: websocket, listener: http, port: " + port + ", path: /ws-tcp}\n"
                + "  lines: {adapter: tcp, port: " + tcp.port() + "}\n"
                + "routes:\n"
                + "  - name: check\n    from: {system: health, method: grpc.health.v1.Health/Check}\n"
                + "    reply: {body: \"{'status': service == 'down' ? 'NOT_SERVING' : 'SERVING'}\"}\n"
                + "  - name: echo\n    from: {system: echo, operation: Echo}\n"
                + "    reply: {body: \"{'text': text + ' back'}\"}\n"
                + "  - name: hello\n    from: {system: gql, field: Query.hello}\n"
                + "    reply: {body: \"'hello ' + who\"}\n"
                + "  - name: chat\n    from: ws\n    steps:\n      - transform: {set: {seen: \"true\"}}\n"
                + "translations:\n  - name: health-rest\n"
                + "    expose: {system: api, path: /health}\n    target: {system: health}\n"
                + "  - name: channelz-rest\n    expose: {system: channelz, protocol: grpc}\n"
                + "    target: {system: backend, path: /channelz}\n"
                + "  - name: echo-rest\n    expose: {system: echoRest, protocol: soap}\n"
                + "    target: {system: backend, path: /echo}\n"
                + "  - name: ws-tcp\n    expose: {system: wsTcp, protocol: websocket}\n    target: {system: lines}\n";
        TwoWayRun.Outcomes<List<Object>> runs = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir,
                app -> List.of(grpcStub(port), soapClient(port, "/echo"), graphql(port), webSocket(port), rest(port),
                        notHttp(port), grpcToRest(port), soapClient(port, "/echo-rest"), webSocketToTcp(port)));
        assertThat(runs.inProcess()).isEqualTo(List.of("SERVING", "hi back", Map.of("hello", "hello Ada"),
                Map.of("id", "w-1", "seen", true),
                List.of(200, Map.of("status", "NOT_SERVING")), "HTTP/1.0 400 Bad Request",
                List.of(7L, "rest server 7"), "hi via rest", List.of("tcp 1: one", "tcp 2: two")));
        assertThat(runs.emitted()).isEqualTo(runs.inProcess());
        assertThat(backend.paths()).as("each translation called the REST service, in each run")
                .containsExactly("/channelz/GetServer", "/echo/Echo", "/channelz/GetServer", "/echo/Echo");
        assertThat(tcp.connections()).as("one TCP connection per WebSocket connection, in each run").isEqualTo(2);
    }

    /** The TCP server the WebSocket → TCP translation bridges to. */
    private final LineEchoPeer tcp = new LineEchoPeer();

    @org.junit.jupiter.api.AfterEach
    void stopTcp() throws Exception {
        tcp.close();
    }

    /** The JDK's WebSocket client on the shared port, bridged to the TCP peer: two lines and their answers. */
    private static List<String> webSocketToTcp(int port) throws Exception {
        java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = openWebSocket(port, "/ws-tcp", replies);
        try {
            socket.sendText("one", true).get(20, TimeUnit.SECONDS);
            String first = replies.poll(30, TimeUnit.SECONDS);
            socket.sendText("two", true).get(20, TimeUnit.SECONDS);
            String second = replies.poll(30, TimeUnit.SECONDS);
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
            return java.util.Arrays.asList(first, second);
        } finally {
            socket.abort();
        }
    }

    /** The REST service both translations call: a real HTTP server on a loopback port of its own. */
    private final RestBackend backend = new RestBackend();

    @org.junit.jupiter.api.AfterEach
    void stopBackend() {
        backend.close();
    }

    /** grpc-java's generated Channelz stub calling the gRPC → REST translation on the shared port. */
    private static List<Object> grpcToRest(int port) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            GetServerResponse reply = ChannelzGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getServer(GetServerRequest.newBuilder().setServerId(7).build());
            return List.of(reply.getServer().getRef().getServerId(), reply.getServer().getRef().getName());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Path copy(String resource) throws Exception {
        Path file = workDir.resolve(Path.of(resource).getFileName());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(Objects.requireNonNull(in, resource), file);
        }
        return file;
    }

    /** grpc-java's generated Health stub, plaintext: HTTP/2 with prior knowledge. */
    private static String grpcStub(int port) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("payments").build()).getStatus();
            return status.name();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** CXF's JAX-WS Dispatch, the payload only: CXF writes the envelope and the SOAPAction. */
    private static String soapClient(int port, String path) throws Exception {
        QName portName = new QName(ECHO_NS, "EchoPort");
        Service service = Service.create(new QName(ECHO_NS, "EchoService"));
        service.addPort(portName, SOAPBinding.SOAP11HTTP_BINDING, "http://127.0.0.1:" + port + path);
        Dispatch<Source> dispatch = service.createDispatch(portName, Source.class, Service.Mode.PAYLOAD);
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, "urn:Echo");
        Source reply = dispatch.invoke(new StreamSource(new StringReader(
                "<e:Echo xmlns:e=\"" + ECHO_NS + "\"><e:text>hi</e:text></e:Echo>")));
        StringWriter xml = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(reply, new StreamResult(xml));
        String text = xml.toString();
        assertThat(text).contains("EchoResponse");
        return text.replaceAll("(?s).*<([A-Za-z0-9]+:)?text>([^<]*)</.*", "$2");
    }

    private static Object graphql(int port) throws Exception {
        HttpResponse<String> response = post(port, "/graphql", "{\"query\": \"{ hello(who: \\\"Ada\\\") }\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return StrictJson.read(response.body(), Map.class).get("data");
    }

    /** The JDK's WebSocket client upgraded on {@code path} of the shared port; each whole text message to replies. */
    private static java.net.http.WebSocket openWebSocket(int port, String path,
            java.util.concurrent.BlockingQueue<String> replies) throws Exception {
        StringBuilder text = new StringBuilder();
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                            CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            replies.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
    }

    /** The JDK's WebSocket client: an upgrade on the shared port, one message and the route's reply. */
    private static Object webSocket(int port) throws Exception {
        java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = openWebSocket(port, "/ws", replies);
        try {
            socket.sendText("{\"id\": \"w-1\"}", true).get(20, TimeUnit.SECONDS);
            return StrictJson.read(replies.poll(30, TimeUnit.SECONDS), Map.class);
        } finally {
            socket.abort();
        }
    }

    /** REST through the REST -> gRPC translation, whose gRPC call comes back to this same port. */
    private static List<Object> rest(int port) throws Exception {
        HttpResponse<String> response = post(port, "/health/Check", "{\"service\": \"down\"}");
        return List.of(response.statusCode(), StrictJson.read(response.body(), Map.class));
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A TLS ClientHello on the cleartext port: the status line of the refusal, read until the server closes. */
    private static String notHttp(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(TLS_HELLO);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.lines().findFirst().orElse("");
        }
    }
}
