package io.unikernal.translate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever the bytes, detection answers, within its bounds, without throwing and without guessing. */
class HostileInputTest {

    private static final Map<String, byte[]> CAPTURES = new LinkedHashMap<>();
    private final ProtocolDetector detector = new ProtocolDetector();

    @BeforeAll
    static void captureRealClients() throws IOException {
        String marker = "m" + UUID.randomUUID().toString().replace("-", "");
        CAPTURES.put("grpc", Captures.grpcUnaryCall(marker));
        CAPTURES.put("rest", Captures.jdkPost("/orders", "application/json", "{\"id\":\"" + marker + "\"}", null));
        CAPTURES.put("websocket", Captures.jdkWebSocketUpgrade());
        CAPTURES.put("soap", Captures.cxfSoapCall(marker, false));
        CAPTURES.put("soap12", Captures.cxfSoapCall(marker, true));
        CAPTURES.put("h2c-upgrade-get", Captures.jdkGetAskingForH2c("/orders/" + marker));
        CAPTURES.put("graphql", Captures.jdkPost("/graphql", "application/json",
                "{\"query\":\"{ order(id: \\\"" + marker + "\\\") { id } }\"}", null));
    }

    @Test
    void everyTruncationOfEveryCaptureIsTheCapturesProtocolOrUnknownNeverAnother() {
        for (Map.Entry<String, byte[]> capture : CAPTURES.entrySet()) {
            byte[] whole = capture.getValue();
            Protocol expected = detector.detect(whole).protocol();
            assertThat(expected).as(capture.getKey()).isNotEqualTo(Protocol.UNKNOWN);
            int recognisedFrom = -1;
            for (int length = 0; length < whole.length; length++) {
                Detection cut = detector.detect(Arrays.copyOf(whole, length));
                assertThat(cut.protocol()).as("%s cut at %d: %s", capture.getKey(), length, cut.evidence())
                        .isIn(expected, Protocol.UNKNOWN);
                assertBounded(cut);
                if (cut.recognised() && recognisedFrom < 0) {
                    recognisedFrom = length;
                }
            }
            // where headers alone decide and a body follows, the protocol is known before the capture ends
            if (capture.getKey().equals("grpc") || capture.getKey().startsWith("soap")) {
                assertThat(recognisedFrom).as(capture.getKey()).isBetween(1, whole.length - 1);
            }
        }
    }

    @Test
    void randomBytesAreUnknownAndSaySoWithWhatWasSeen() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(2048)];
            random.nextBytes(garbage);
            Detection detection = detector.detect(garbage);
            assertThat(detection.protocol()).as("garbage #%d", i).isEqualTo(Protocol.UNKNOWN);
            assertThat(detection.evidence()).isNotEmpty();
            assertBounded(detection);
        }
    }

    @Test
    void aRequestLineFollowedByRandomHeaderBytesIsHandledByTheDecodersNotTheLastResort() {
        Random random = new Random(11L);
        byte[] line = "POST /orders HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 2000; i++) {
            byte[] headers = new byte[random.nextInt(4096)];
            random.nextBytes(headers);
            assertBounded(detector.detect(concat(line, headers)));
        }
    }

    @Test
    void theHttp2PrefaceFollowedByGarbageFramesIsUnknownWithTheFrameError() {
        Random random = new Random(7L);
        for (int i = 0; i < 2000; i++) {
            byte[] frames = new byte[random.nextInt(4096)];
            random.nextBytes(frames);
            Detection detection = detector.detect(concat(Http2Reader.PREFACE, frames));
            assertThat(detection.evidence()).as("garbage frames #%d", i).first().asString()
                    .contains("HTTP/2 connection preface");
            assertBounded(detection);
        }
        byte[] oversizeFrame = {0x7f, 0x7f, 0x7f, 0x01, 0x04, 0, 0, 0, 1};
        Detection huge = detector.detect(concat(Http2Reader.PREFACE, oversizeFrame));
        assertThat(huge.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(huge.evidence()).anyMatch(line -> line.startsWith("then a frame Netty's HTTP/2 reader refused"));
    }

    @Test
    void aRealGrpcConnectionWithGarbageAfterItsHeadersIsStillGrpc() {
        byte[] grpc = CAPTURES.get("grpc");
        byte[] tail = new byte[512];
        new Random(3L).nextBytes(tail);

        Detection detection = detector.detect(concat(grpc, tail));

        assertThat(detection.protocol()).isEqualTo(Protocol.GRPC);
    }

    @Test
    void aRequestWith100kHeaderBytesIsRefusedAsOversizeNotRead() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("POST /orders HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; request.size() < 100_000; i++) {
            request.writeBytes(("X-Filler-" + i + ": " + "a".repeat(60) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("Content-Type: application/json\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));

        Detection detection = detector.detect(request.toByteArray());

        assertThat(detection.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(detection.evidence()).contains("only the first 65536 of " + request.size() + " bytes were inspected")
                .anyMatch(line -> line.startsWith("not a valid HTTP/1.x request") && line.contains("16384"));
        assertBounded(detection);
    }

    @Test
    void aTlsClientHelloIsUnknownWithAHintToCaptureInsideTls() {
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};

        Detection detection = detector.detect(hello);

        assertThat(detection.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(detection.evidence()).last().asString().startsWith("a TLS handshake record");
    }

    @Test
    void aWebSocketUpgradeWithoutItsKeyIsNotAHandshakeAndNotRest() {
        byte[] wire = ("GET /chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(detection.evidence()).last().asString().contains("no Sec-WebSocket-Key");
    }

    @Test
    void aGrpcContentTypeOverHttp11IsNotGrpc() {
        byte[] wire = ("POST /detect.v1.Echo/Say HTTP/1.1\r\nHost: x\r\nContent-Type: application/grpc\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.UNKNOWN);
        assertThat(detection.evidence()).last().asString().contains("gRPC needs HTTP/2");
    }

    @Test
    void aCredentialInTheRequestLineIsMaskedInTheEvidence() {
        byte[] wire = ("GET /orders?access_token=s3cr3t-t0ken-value&page=2 HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        Detection detection = detector.detect(wire);

        assertThat(detection.protocol()).isEqualTo(Protocol.REST);
        assertThat(String.join("\n", detection.evidence())).doesNotContain("s3cr3t-t0ken-value")
                .contains("request line: GET /orders?access_token=");
    }

    @Test
    void nothingAtAllIsUnknown() {
        assertThat(detector.detect(new byte[0]).evidence()).containsExactly("no bytes at all");
    }

    /** Short evidence, and every refusal came from a reader, not from the detector's last-resort catch. */
    private static void assertBounded(Detection detection) {
        assertThat(detection.evidence()).noneMatch(line -> line.startsWith("detection failed on these bytes"))
                .hasSizeLessThanOrEqualTo(30)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(400));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
