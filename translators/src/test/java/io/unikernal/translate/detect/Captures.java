package io.unikernal.translate.detect;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;

/** The bytes real clients put on the wire, recorded at test time by a {@link WireRecorder}. */
final class Captures {

    /** An empty SETTINGS frame: what a server sends first on an HTTP/2 connection. */
    private static final byte[] SERVER_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private Captures() {
    }

    /** A grpc-java stub's unary call over plaintext HTTP/2 with prior knowledge. */
    static byte[] grpcUnaryCall(String marker) throws IOException {
        MethodDescriptor<StringValue, StringValue> say = MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("detect.v1.Echo", "Say"))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance())).build();
        try (WireRecorder wire = new WireRecorder(SERVER_SETTINGS)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", wire.port()).usePlaintext().build();
            try {
                ClientCalls.futureUnaryCall(channel.newCall(say, CallOptions.DEFAULT), StringValue.of(marker));
                return wire.awaitContaining(marker);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    static byte[] jdkPost(String path, String contentType, String body, String soapAction) throws IOException {
        try (WireRecorder wire = new WireRecorder(new byte[0])) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wire.port() + path))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
            if (soapAction != null) {
                request.header("SOAPAction", soapAction);
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
            return wire.awaitContaining(body);
        }
    }

    /** The JDK client's GET with its default version, HTTP/2: over cleartext it asks to upgrade (Upgrade: h2c). */
    static byte[] jdkGetAskingForH2c(String pathAndQuery) throws IOException {
        try (WireRecorder wire = new WireRecorder(new byte[0])) {
            HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + wire.port() + pathAndQuery)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return wire.awaitBytes(Captures::headersEnded);
        }
    }

    static byte[] jdkWebSocketUpgrade() throws IOException {
        try (WireRecorder wire = new WireRecorder(new byte[0])) {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + wire.port() + "/chat"), new WebSocket.Listener() { });
            return wire.awaitBytes(Captures::headersEnded);
        }
    }

    /** A CXF JAX-WS Dispatch (payload mode, SOAP 1.1 or 1.2 binding), as a SOAP client written with CXF sends it. */
    static byte[] cxfSoapCall(String marker, boolean soap12) throws IOException {
        try (WireRecorder wire = new WireRecorder(new byte[0])) {
            QName serviceName = new QName("urn:detect:quotes", "Quotes");
            QName portName = new QName("urn:detect:quotes", "QuotesPort");
            Service service = Service.create(serviceName);
            service.addPort(portName, soap12 ? SOAPBinding.SOAP12HTTP_BINDING : SOAPBinding.SOAP11HTTP_BINDING,
                    "http://127.0.0.1:" + wire.port() + "/quotes");
            Dispatch<Source> dispatch = service.createDispatch(portName, Source.class, Service.Mode.PAYLOAD);
            dispatch.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
            dispatch.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, "urn:detect:quotes:getQuote");
            dispatch.invokeAsync(new StreamSource(new StringReader(
                    "<q:getQuote xmlns:q=\"urn:detect:quotes\"><symbol>" + marker + "</symbol></q:getQuote>")));
            return wire.awaitContaining(marker);
        }
    }

    static boolean headersEnded(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
    }

}
