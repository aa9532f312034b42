package io.unikernal.translate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names the protocol of one decoded request. Precedence, first match wins: a WebSocket upgrade handshake; a gRPC
 * content type (over HTTP/2 only); SOAP (a SOAPAction header, {@code application/soap+xml}, or XML whose root is a
 * SOAP Envelope); GraphQL ({@code application/graphql}, a JSON body whose {@code query} parses as a GraphQL document,
 * or a GET with such a {@code query} parameter); otherwise REST.
 */
final class RequestClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestClassifier() {
    }

    static Detection classify(CapturedRequest request, List<String> reading) {
        List<String> evidence = new ArrayList<>(reading);
        if (request.transport() == Transport.H2C_UPGRADE) {
            evidence.add("header Upgrade: h2c" + (request.header("http2-settings").isPresent()
                    ? ", with HTTP2-Settings" : ", without HTTP2-Settings (a server will not upgrade)"));
        }
        Optional<Detection> decided = webSocket(request, evidence);
        if (decided.isEmpty()) {
            decided = grpc(request, evidence);
        }
        if (decided.isEmpty()) {
            decided = soap(request, evidence);
        }
        if (decided.isEmpty()) {
            decided = graphql(request, evidence);
        }
        return decided.orElseGet(() -> {
            evidence.add("no WebSocket upgrade, gRPC content type, SOAP marker or GraphQL document: a plain HTTP "
                    + request.method() + " request");
            return new Detection(Protocol.REST, request.transport(), evidence);
        });
    }

    private static Optional<Detection> webSocket(CapturedRequest request, List<String> evidence) {
        if (request.transport() == Transport.H2C_PRIOR_KNOWLEDGE) {
            if (request.method().equals("CONNECT") && request.header(":protocol").orElse("").equals("websocket")) {
                evidence.add("pseudo-headers :method CONNECT, :protocol websocket (RFC 8441, WebSocket over HTTP/2)");
                return Optional.of(new Detection(Protocol.WEBSOCKET, request.transport(), evidence));
            }
            return Optional.empty();
        }
        if (!request.headerHasToken("upgrade", "websocket")) {
            return Optional.empty();
        }
        evidence.add("header Upgrade: websocket"
                + (request.headerHasToken("connection", "upgrade") ? ", with Connection: Upgrade" : ""));
        Optional<String> key = request.header("sec-websocket-key");
        if (key.isEmpty() || !request.method().equals("GET")) {
            return Optional.of(Detection.unknown(evidence, "a WebSocket upgrade that is not a valid handshake ("
                    + (key.isEmpty() ? "no Sec-WebSocket-Key" : request.method() + " instead of GET") + ")"));
        }
        evidence.add("header Sec-WebSocket-Key: " + Printable.value(key.get())
                + request.header("sec-websocket-version").map(v -> ", Sec-WebSocket-Version: " + v).orElse(""));
        return Optional.of(new Detection(Protocol.WEBSOCKET, Transport.HTTP_1_1, evidence));
    }

    private static Optional<Detection> grpc(CapturedRequest request, List<String> evidence) {
        String media = request.mediaType();
        if (!media.startsWith("application/grpc")) {
            return Optional.empty();
        }
        evidence.add("header content-type: " + Printable.value(request.header("content-type").orElse("")));
        if (media.startsWith("application/grpc-web")) {
            return Optional.of(Detection.unknown(evidence, "gRPC-Web is not recognised (only gRPC over HTTP/2)"));
        }
        if (request.transport() != Transport.H2C_PRIOR_KNOWLEDGE) {
            return Optional.of(Detection.unknown(evidence, "a gRPC content type over HTTP/1.1; gRPC needs HTTP/2"));
        }
        request.header("te").ifPresent(te -> evidence.add("header te: " + Printable.value(te)));
        evidence.add("gRPC method " + Printable.value(request.target()));
        return Optional.of(new Detection(Protocol.GRPC, request.transport(), evidence));
    }

    private static Optional<Detection> soap(CapturedRequest request, List<String> evidence) {
        Optional<String> action = request.header("soapaction");
        if (action.isPresent()) {
            evidence.add("header SOAPAction: " + Printable.value(action.get()) + " (SOAP 1.1)");
            return Optional.of(new Detection(Protocol.SOAP, request.transport(), evidence));
        }
        String media = request.mediaType();
        if (media.equals("application/soap+xml")) {
            evidence.add("header Content-Type: " + Printable.value(request.header("content-type").orElse(""))
                    + " (SOAP 1.2)");
            return Optional.of(new Detection(Protocol.SOAP, request.transport(), evidence));
        }
        if (!media.equals("text/xml") && !media.equals("application/xml")) {
            return Optional.empty();
        }
        evidence.add("header Content-Type: " + media);
        if (!request.bodyComplete()) {
            return Optional.of(incomplete(request, evidence, "SOAP from an XML REST call"));
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<String> root = SoapEnvelope.root(request.body(), whyNot);
        if (root.isPresent() && SoapEnvelope.isEnvelope(root.get())) {
            evidence.add("body: root element " + root.get());
            return Optional.of(new Detection(Protocol.SOAP, request.transport(), evidence));
        }
        evidence.add(root.map(r -> "body: root element " + Printable.value(r) + ", not a SOAP Envelope")
                .orElse("body: not well-formed XML (" + whyNot + ")"));
        return Optional.empty();
    }

    private static Optional<Detection> graphql(CapturedRequest request, List<String> evidence) {
        String media = request.mediaType();
        if (media.equals("application/graphql")) {
            evidence.add("header Content-Type: application/graphql");
            return Optional.of(new Detection(Protocol.GRAPHQL, request.transport(), evidence));
        }
        if (media.equals("application/json") || media.endsWith("+json")) {
            evidence.add("header Content-Type: " + media);
            if (!request.bodyComplete()) {
                return Optional.of(incomplete(request, evidence, "GraphQL from a JSON REST call"));
            }
            return queryDocument(jsonQuery(request.body(), evidence), "body: a JSON object whose \"query\"",
                    request, evidence);
        }
        if (request.method().equals("GET")) {
            List<String> query = new QueryStringDecoder(request.target()).parameters().get("query");
            if (query != null && !query.isEmpty()) {
                return queryDocument(Optional.of(query.get(0)), "URL: a query parameter \"query\"", request,
                        evidence);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> jsonQuery(byte[] body, List<String> evidence) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.path("query").isTextual()) {
                return Optional.of(json.get("query").asText());
            }
            evidence.add("body: JSON without a \"query\" string");
        } catch (java.io.IOException | RuntimeException e) {
            evidence.add("body: not valid JSON");
        }
        return Optional.empty();
    }

    private static Optional<Detection> queryDocument(Optional<String> text, String where, CapturedRequest request,
            List<String> evidence) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<String> operation = GraphqlDocument.firstOperation(text.get(), whyNot);
        if (operation.isEmpty()) {
            evidence.add(where + " is not a GraphQL document (" + whyNot + ")");
            return Optional.empty();
        }
        evidence.add(where + " parses as a GraphQL document (" + Printable.value(operation.get()) + ")");
        return Optional.of(new Detection(Protocol.GRAPHQL, request.transport(), evidence));
    }

    private static Detection incomplete(CapturedRequest request, List<String> evidence, String undecided) {
        return Detection.unknown(evidence, "the capture ends inside the body (" + request.body().length
                + " bytes of it seen): cannot tell " + undecided);
    }

}
