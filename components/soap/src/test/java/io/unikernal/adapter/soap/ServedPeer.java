package io.unikernal.adapter.soap;

import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.server.FreePort;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.w3c.dom.Element;

/**
 * Feeds a {@code soap} source as a SOAP client does: a POST of a {@code Take} envelope with the correlation id in
 * {@code X-Correlation-Id}, sent again only while nothing listens yet (connection refused: nothing reached a route).
 * Returns the {@code TakeResponse} read with a plain XML parser.
 */
final class ServedPeer implements SourcePeer {

    private final int port = FreePort.loopback();
    private final Path wsdl;

    ServedPeer(Path workDir) {
        this.wsdl = ContractWsdl.write(workDir.resolve("wsdl-" + port));
    }

    @Override
    public String system() {
        return "{adapter: soap, port: " + port + ", path: /orders, wsdl: \"" + wsdl + "\"}";
    }

    @Override
    public String use() {
        return "operation: Take";
    }

    @Override
    public Received send(CamelContext app, ContractMessage message) {
        String envelope = SoapXml.envelope(SoapXml.take(message.id(), message.n(), ContractMessage.NOTE));
        AtomicReference<SoapPost.Reply> reply = new AtomicReference<>();
        Awaitility.await("the SOAP listener on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    try {
                        reply.set(SoapPost.post("http://127.0.0.1:" + port + "/orders", envelope,
                                Map.of("X-Correlation-Id", message.correlationId())));
                        return reply.get().status() != 404; // the path is not served yet
                    } catch (ConnectException e) {
                        return false;
                    }
                });
        SoapPost.Reply got = reply.get();
        if (got.status() != 200) {
            throw new AssertionError("the SOAP call failed with HTTP " + got.status() + ": " + got.body());
        }
        Element response = SoapXml.bodyElement(SoapXml.parse(got.body()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", SoapXml.child(response, "id"));
        body.put("n", Integer.parseInt(SoapXml.child(response, "n")));
        body.put("note", SoapXml.child(response, "note"));
        return new Received(body, got.header("X-Correlation-Id"), null, null, Map.of());
    }
}
