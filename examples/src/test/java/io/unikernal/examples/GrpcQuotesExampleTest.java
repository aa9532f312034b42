package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/grpc-quotes, in process and from the compiled YAML, called by a grpc-java client that writes and reads the
 * protobuf bytes itself (field by field, no descriptor of the adapter's): a valid request is priced, an invalid one
 * gets INVALID_ARGUMENT with the violation and is kept in the rejects folder. The example's own files, with the port
 * and folder of this run.
 */
class GrpcQuotesExampleTest {

    private static final Path EXAMPLE = Path.of("grpc-quotes");

    @TempDir
    Path tmp;

    /** Bytes as they are: the test writes and reads the protobuf fields itself. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = ProtoMethod.BYTES;
    private static final MethodDescriptor<byte[], byte[]> PRICE = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("quotes.v1.Quotes/Price")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    @Test
    void aRequestIsPricedAndAnInvalidOneIsRefusedWithTheViolation() throws Exception {
        int port = FreePort.loopback();
        Path rejects = tmp.resolve("rejects");
        Files.copy(EXAMPLE.resolve("quotes.proto"), tmp.resolve("quotes.proto"));
        Path udl = Files.writeString(tmp.resolve("quotes.udl.yaml"), Files.readString(EXAMPLE.resolve(
                "quotes.udl.yaml")).replace("port: 9090", "port: " + port)
                .replace("directory: rejects", "directory: \"" + rejects + "\""));
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                List<Object> seen = new ArrayList<>();
                seen.add(quote(call(channel, request("a-1", 3))));
                try {
                    call(channel, request("a-2", 0));
                    seen.add("no refusal");
                } catch (StatusRuntimeException refused) {
                    seen.add(refused.getStatus().getCode().name());
                    seen.add(refused.getStatus().getDescription().contains("quantity"));
                }
                Awaitility.await("the refused request in rejects/").atMost(Duration.ofSeconds(30))
                        .until(() -> FolderRecords.read(rejects).stream().anyMatch(r -> r.contains("a-2")));
                return seen;
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        });
        assertThat(outcomes.inProcess()).containsExactly("a-1 x3 = 37.5 EUR", "INVALID_ARGUMENT", true);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    private static byte[] call(ManagedChannel channel, byte[] request) {
        return ClientCalls.blockingUnaryCall(channel, PRICE, CallOptions.DEFAULT.withDeadlineAfter(20,
                TimeUnit.SECONDS), request);
    }

    private static byte[] request(String sku, int quantity) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, sku);
        out.writeInt32(2, quantity);
        out.flush();
        return bytes.toByteArray();
    }

    /** The Quote's fields in words: sku (1), quantity (2), total (3), currency (4). */
    private static String quote(byte[] reply) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(reply);
        String sku = "";
        int quantity = 0;
        double total = 0;
        String currency = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> sku = in.readString();
                case 2 -> quantity = in.readInt32();
                case 3 -> total = in.readDouble();
                case 4 -> currency = in.readString();
                default -> in.skipField(tag);
            }
        }
        return sku + " x" + quantity + " = " + total + " " + currency;
    }
}
