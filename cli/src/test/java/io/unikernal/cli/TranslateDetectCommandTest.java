package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unikernal translate --detect FILE} on captures of real clients (recorded from loopback sockets). */
class TranslateDetectCommandTest {

    /** grpc-java 1.74 (h2c prior knowledge), CXF 4.1.3 (SOAP 1.1), the JDK 17 HttpClient, OpenSSH 9.2. */
    static final Path CAPTURES = Path.of("src/test/resources/detect");

    @TempDir
    Path tmp;

    @Test
    void aGrpcJavaCallIsGrpcWithItsPrefaceHeadersAndMethod() {
        Cli result = Cli.run("translate", "--detect", CAPTURES.resolve("grpc-unary.bin").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).startsWith("protocol: gRPC",
                "transport: HTTP/2 cleartext with prior knowledge (h2c, the connection preface first)", "evidence:")
                .contains("  - gRPC method /detect.v1.Echo/Say")
                .anyMatch(line -> line.startsWith("  - bytes 0-23: the HTTP/2 connection preface"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aCxfSoapCallIsSoapAndAskedForAnH2cUpgrade() {
        Cli result = Cli.run("translate", "--detect", CAPTURES.resolve("soap11-cxf.bin").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).startsWith("protocol: SOAP",
                "transport: HTTP/1.1 asking to upgrade to HTTP/2 cleartext (Upgrade: h2c)")
                .contains("  - header SOAPAction: \"urn:detect:quotes:getQuote\" (SOAP 1.1)");
    }

    @Test
    void aWebSocketHandshakeAndAGraphqlPostAreRecognised() {
        Cli webSocket = Cli.run("translate", "--detect", CAPTURES.resolve("websocket-upgrade.bin").toString());
        Cli graphql = Cli.run("translate", "--detect", CAPTURES.resolve("graphql-post.bin").toString());
        assertThat(webSocket.exitCode()).isZero();
        assertThat(webSocket.out()).startsWith("protocol: WebSocket (HTTP/1.1 upgrade handshake)");
        assertThat(graphql.exitCode()).isZero();
        assertThat(graphql.out()).startsWith("protocol: GraphQL over HTTP")
                .contains("\"query\" parses as a GraphQL document (query Order)");
    }

    @Test
    void anSshClientIsAnUnknownProtocolWithOneLineSayingWhatWasSeen() {
        Path ssh = CAPTURES.resolve("ssh-client-banner.bin");
        Cli result = Cli.run("translate", "--detect", ssh.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("protocol: unknown").contains("SSH-2.0-OpenSSH");
        assertThat(result.err().lines()).containsExactly("error: " + ssh
                + ": no known protocol: the first line is not an HTTP request line (METHOD TARGET HTTP/1.1)");
    }

    @Test
    void aMissingFileOrADirectoryIsOneLineAndExitOne() {
        Path missing = tmp.resolve("nope.bin");
        Cli noFile = Cli.run("translate", "--detect", missing.toString());
        Cli directory = Cli.run("translate", "--detect", tmp.toString());
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err().lines()).containsExactly("error: " + missing + ": no such file");
        assertThat(directory.exitCode()).isEqualTo(1);
        assertThat(directory.err().lines()).containsExactly("error: " + tmp + ": is a directory, not a capture");
    }

    @Test
    void onlyTheFirst64KibOfALargeCaptureAreRead() throws Exception {
        Path large = tmp.resolve("large.bin");
        byte[] grpc = Files.readAllBytes(CAPTURES.resolve("grpc-unary.bin"));
        byte[] padded = java.util.Arrays.copyOf(grpc, 200_000);
        Files.write(large, padded);
        Cli result = Cli.run("translate", "--detect", large.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("protocol: gRPC")
                .contains("  - only the first 65536 of 200000 bytes were inspected");
    }

    @Test
    void withoutDetectItIsAUsageError() {
        Cli result = Cli.run("translate");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--detect=FILE'");
    }
}
