package io.unikernal.translate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import org.junit.jupiter.api.Test;

/** Requests over h2c with prior knowledge that are not gRPC are classified by their headers and DATA like HTTP/1.1. */
class Http2RequestsTest {

    private final ProtocolDetector detector = new ProtocolDetector();

    @Test
    void aJsonPostOverH2cIsRestAndAGraphqlOneIsGraphql() {
        byte[] rest = Http2Frames.request(post("/orders", "application/json"), "{\"id\":7}");
        byte[] graphql = Http2Frames.request(post("/graphql", "application/json"), "{\"query\":\"{ order { id } }\"}");

        assertThat(detector.detect(rest).protocol()).isEqualTo(Protocol.REST);
        assertThat(detector.detect(rest).transport()).isEqualTo(Transport.H2C_PRIOR_KNOWLEDGE);
        assertThat(detector.detect(graphql).protocol()).isEqualTo(Protocol.GRAPHQL);
    }

    @Test
    void aSoapEnvelopeOverH2cIsSoapFromItsDataFrames() {
        byte[] soap = Http2Frames.request(post("/quotes", "text/xml"),
                "<e:Envelope xmlns:e=\"" + SoapEnvelope.SOAP_12 + "\"><e:Body/></e:Envelope>");

        Detection detection = detector.detect(soap);

        assertThat(detection.protocol()).isEqualTo(Protocol.SOAP);
        assertThat(detection.evidence()).contains("body: root element {" + SoapEnvelope.SOAP_12 + "}Envelope");
    }

    @Test
    void anRfc8441WebSocketConnectIsWebSocket() {
        DefaultHttp2Headers connect = new DefaultHttp2Headers();
        connect.method("CONNECT").scheme("http").authority("127.0.0.1").path("/chat");
        connect.set(":protocol", "websocket");
        connect.set("sec-websocket-version", "13");

        Detection detection = detector.detect(Http2Frames.request(connect, null));

        assertThat(detection.protocol()).isEqualTo(Protocol.WEBSOCKET);
        assertThat(detection.transport()).isEqualTo(Transport.H2C_PRIOR_KNOWLEDGE);
    }

    @Test
    void aConnectionWhoseFramesEndBeforeAnyRequestIsUnknown() {
        byte[] wire = Http2Frames.request(post("/orders", "application/json"), "{}");
        byte[] settingsOnly = java.util.Arrays.copyOf(wire, Http2Reader.PREFACE.length + 9);

        Detection detection = detector.detect(settingsOnly);

        assertThat(detection.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(detection.evidence()).last().asString().isEqualTo("an HTTP/2 connection without a request to classify");
    }

    private static DefaultHttp2Headers post(String path, String contentType) {
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.method("POST").scheme("http").authority("127.0.0.1").path(path);
        headers.set("content-type", contentType);
        return headers;
    }
}
