package io.unikernal.adapter.core;

import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * direct and seda: an in-process hand-over, so the native peer is Camel itself in the running app — a producer on
 * the endpoint for the source (as a sending route would, with its envelope in the Udm headers), a route consuming
 * the endpoint for the target. Each peer has its own queue name.
 */
final class QueueFixture implements AdapterFixture {

    private final String adapter;

    QueueFixture(String adapter) {
        this.adapter = adapter;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public SourcePeer sourcePeer(Path workDir) {
        return new Sender();
    }

    @Override
    public TargetPeer targetPeer(Path workDir) {
        return new Consumer();
    }

    private String system(String queue) {
        return "{adapter: " + adapter + ", name: " + queue + "}";
    }

    private final class Sender implements SourcePeer {
        private final String queue = "contract-in-" + UUID.randomUUID();

        @Override
        public String system() {
            return QueueFixture.this.system(queue);
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            try (ProducerTemplate producer = app.createProducerTemplate()) {
                Exchange sent = producer.send(adapter + ":" + queue, exchange -> {
                    exchange.getMessage().setBody(message.body());
                    exchange.getMessage().setHeader(UdmHeaders.CORRELATION_ID, message.correlationId());
                });
                if (sent.getException() != null) {
                    throw sent.getException();
                }
            }
            return null;
        }
    }

    private final class Consumer implements TargetPeer {
        private final String queue = "contract-out-" + UUID.randomUUID();
        private final List<Received> received = new CopyOnWriteArrayList<>();

        @Override
        public String system() {
            return QueueFixture.this.system(queue);
        }

        /** The consuming route, in each app the case starts. */
        @Override
        public void started(CamelContext app) throws Exception {
            app.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(adapter + ":" + queue).process(exchange -> received.add(decode(exchange)));
                }
            });
        }

        private Received decode(Exchange exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getMessage().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
            Object body = exchange.getMessage().getBody();
            return new Received(body instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : body,
                    headers.get(UdmHeaders.CORRELATION_ID), headers.get(UdmHeaders.SCHEMA),
                    headers.get(UdmHeaders.SCHEMA_VERSION), headers);
        }

        @Override
        public List<Received> received() {
            return List.copyOf(received);
        }
    }
}
