package io.unikernal.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.testkit.server.FreePort;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grpc-dynamic:*}: one consumer serves every method of the .proto, the route told which one was called; a
 * method the file does not have is UNIMPLEMENTED, and a consumer of one method on the same port wins for it.
 */
class GrpcEveryMethodTest {

    @TempDir
    Path workDir;

    @Test
    void oneConsumerServesEveryMethodAndTheRouteKnowsWhich() throws Exception {
        Path proto = ContractProto.write(workDir);
        int port = FreePort.loopback();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("grpc-dynamic:*?proto=" + proto + "&port=" + port).routeId("every")
                            .setBody(simple("{\"id\": \"${header." + GrpcDynamicConstants.METHOD + "}\"}"));
                    from("grpc-dynamic:" + ContractProto.WATCH + "?proto=" + proto + "&port=" + port)
                            .routeId("one").setBody(constant("{\"id\": \"the watch route\"}"));
                }
            });
            camel.start();
            try (PeerClient client = new PeerClient(port)) {
                assertThat(client.unary(ContractProto.TAKE, ContractProto.order("{\"id\": \"o\"}"), Map.of())
                        .only().getField(ContractProto.ORDER.findFieldByName("id"))).isEqualTo(ContractProto.TAKE);
                PeerClient.Reply watched = client.call(PeerClient.method(ContractProto.WATCH,
                        io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING), java.util.List.of(ContractProto
                        .order("{\"id\": \"o\"}").toByteArray()), Map.of(), null);
                assertThat(watched.only().getField(ContractProto.ORDER.findFieldByName("id")))
                        .as("the consumer of one method wins for it").isEqualTo("the watch route");
                StatusRuntimeException unknown = catchThrowableOfType(() -> client.unary("contract.Orders/Nope",
                        ContractProto.order("{}"), Map.of()), StatusRuntimeException.class);
                assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            }
        }
    }
}
