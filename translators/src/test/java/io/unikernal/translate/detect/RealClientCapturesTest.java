package io.unikernal.translate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Detection of what real clients sent to a loopback socket, recorded during the test. */
class RealClientCapturesTest {

    private final ProtocolDetector detector = new ProtocolDetector();
    private final String marker = "m" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aGrpcJavaStubCallWithPriorKnowledgeIsGrpcByItsPrefaceAndContentType() throws IOException {
        byte[] wire = dumped("grpc-unary.bin", Captures.grpcUnaryCall(marker));

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.GRPC);
        assertThat(detection.transport()).isEqualTo(Transport.H2C_PRIOR_KNOWLEDGE);
        assertThat(detection.evidence()).anyMatch(line -> line.contains("HTTP/2 connection preface"))
                .anyMatch(line -> line.startsWith("header content-type: application/grpc"))
                .anyMatch(line -> line.equals("gRPC method /detect.v1.Echo/Say"))
                .anyMatch(line -> line.equals("header te: trailers"));
    }

    @Test
    void aJdkClientJsonPostIsRest() throws IOException {
        byte[] wire = dumped("rest-post.bin", Captures.jdkPost("/orders", "application/json",
                "{\"order\":\"" + marker + "\",\"qty\":2}", null));

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.REST);
        assertThat(detection.transport()).isEqualTo(Transport.HTTP_1_1);
        assertThat(detection.evidence()).contains("request line: POST /orders HTTP/1.1",
                "header Content-Type: application/json", "body: JSON without a \"query\" string");
    }

    @Test
    void aJdkWebSocketHandshakeIsWebSocketAheadOfRest() throws IOException {
        byte[] wire = dumped("websocket-upgrade.bin", Captures.jdkWebSocketUpgrade());

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.WEBSOCKET);
        assertThat(detection.evidence()).contains("request line: GET /chat HTTP/1.1")
                .anyMatch(line -> line.startsWith("header Upgrade: websocket, with Connection: Upgrade"))
                .anyMatch(line -> line.startsWith("header Sec-WebSocket-Key: ")
                        && line.endsWith("Sec-WebSocket-Version: 13"));
    }

    @Test
    void aCxfSoap11CallIsSoapByItsSoapActionHeader() throws IOException {
        byte[] wire = dumped("soap11-cxf.bin", Captures.cxfSoapCall(marker, false));

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.SOAP);
        assertThat(detection.evidence()).contains("header SOAPAction: \"urn:detect:quotes:getQuote\" (SOAP 1.1)");
    }

    @Test
    void aCxfSoap12CallIsSoapByItsMediaType() throws IOException {
        byte[] wire = Captures.cxfSoapCall(marker, true);

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.SOAP);
        assertThat(detection.evidence()).anyMatch(line -> line.startsWith("header Content-Type: application/soap+xml")
                && line.endsWith("(SOAP 1.2)"));
    }

    @Test
    void aTextXmlPostIsSoapOnlyWhenItsRootIsAnEnvelope() throws IOException {
        String envelope = "<s:Envelope xmlns:s=\"" + SoapEnvelope.SOAP_11 + "\"><s:Body><q:getQuote"
                + " xmlns:q=\"urn:q\">" + marker + "</q:getQuote></s:Body></s:Envelope>";
        byte[] soap = Captures.jdkPost("/quotes", "text/xml; charset=utf-8", envelope, null);
        byte[] plainXml = Captures.jdkPost("/quotes", "text/xml", "<Envelope>" + marker + "</Envelope>", null);

        assertThat(detector.detect(soap).protocol()).isEqualTo(Protocol.SOAP);
        assertThat(detector.detect(soap).evidence()).contains("body: root element {" + SoapEnvelope.SOAP_11
                + "}Envelope");
        assertThat(detector.detect(plainXml).protocol()).isEqualTo(Protocol.REST);
        assertThat(detector.detect(plainXml).evidence()).contains("body: root element {}Envelope, not a SOAP Envelope");
    }

    @Test
    void anXmlBodyWithADoctypeIsRefusedByTheHardenedParserAndNotTakenForSoap() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"" + SoapEnvelope.SOAP_11 + "\"><s:Body>&x;" + marker + "</s:Body></s:Envelope>";
        byte[] wire = Captures.jdkPost("/quotes", "text/xml", xxe, null);

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.REST);
        assertThat(detection.evidence()).anyMatch(line -> line.startsWith("body: not well-formed XML")
                && line.contains("DOCTYPE"));
    }

    @Test
    void aGraphqlPostIsGraphqlAheadOfRestAndAJsonQueryThatIsNotGraphqlIsRest() throws IOException {
        byte[] graphql = dumped("graphql-post.bin", Captures.jdkPost("/graphql", "application/json",
                "{\"query\":\"query Order { order(id: \\\"" + marker + "\\\") { id total } }\"}", null));
        byte[] notGraphql = Captures.jdkPost("/search", "application/json",
                "{\"query\":\"red shoes " + marker + " {\"}", null);

        assertThat(detector.detect(graphql).protocol()).isEqualTo(Protocol.GRAPHQL);
        assertThat(detector.detect(graphql).evidence())
                .contains("body: a JSON object whose \"query\" parses as a GraphQL document (query Order)");
        assertThat(detector.detect(notGraphql).protocol()).isEqualTo(Protocol.REST);
    }

    @Test
    void anApplicationGraphqlPostIsGraphql() throws IOException {
        byte[] wire = Captures.jdkPost("/graphql", "application/graphql", "{ order(id: \"" + marker + "\") { id } }",
                null);

        assertThat(detector.detect(wire).protocol()).isEqualTo(Protocol.GRAPHQL);
    }

    @Test
    void aJdkGetAskingForH2cIsReportedAsAnUpgradeAndClassifiedByItsRequest() throws IOException {
        byte[] plain = Captures.jdkGetAskingForH2c("/orders/" + marker);
        byte[] graphqlGet = Captures.jdkGetAskingForH2c("/graphql?query=%7Border(id:%22" + marker + "%22)%7Bid%7D%7D");

        Detection rest = detector.detect(plain);
        assertThat(rest.protocol()).isEqualTo(Protocol.REST);
        assertThat(rest.transport()).isEqualTo(Transport.H2C_UPGRADE);
        assertThat(rest.evidence()).contains("header Upgrade: h2c, with HTTP2-Settings");
        assertThat(detector.detect(graphqlGet).protocol()).isEqualTo(Protocol.GRAPHQL);
        assertThat(detector.detect(graphqlGet).transport()).isEqualTo(Transport.H2C_UPGRADE);
    }

    /** With -Dunikernal.detect.dump=DIR a capture is also written there (how the CLI test's captures were made). */
    private static byte[] dumped(String name, byte[] wire) throws IOException {
        String dir = System.getProperty("unikernal.detect.dump");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), wire);
        }
        return wire;
    }
}
