package io.unikernal.adapter.soap.component;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import io.unikernal.adapter.http.AppListener;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.cxf.Bus;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.Conduit;
import org.apache.cxf.transport.ConduitInitiatorManager;
import org.apache.cxf.transport.local.LocalConduit;
import org.apache.cxf.transport.local.LocalTransportFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SOAP service on the app's one HTTP listener ({@code listener=http}): a route on the router platform-http binds
 * for the app takes {@code POST path} and hands the request — its bytes, {@code Content-Type}, {@code SOAPAction} and
 * {@code X-Correlation-Id} — to the service's CXF endpoint through CXF's in-JVM local transport (direct dispatch: no
 * socket, no second port, no proxy hop), then answers with what CXF answered. So every behaviour of a served
 * operation (CXF's refusal of a DTD, the XML limits, faults, the dispatcher) is the same as on a listener of its own.
 * A fault is answered 500, as SOAP over HTTP says; a one-way operation 202.
 */
final class HttpListenerSoap {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListenerSoap.class);
    /** The request headers the service sees; every other header of the caller stays at the listener. */
    private static final Set<String> PASSED = Set.of("SOAPAction", "X-Correlation-Id");
    private static final long PATIENCE_SECONDS = 300;

    private final Route route;

    private HttpListenerSoap(Route route) {
        this.route = route;
    }

    /** Mounts {@code path} on the app's listener, relayed to the CXF endpoint at the local {@code address}. */
    static HttpListenerSoap mount(CamelContext context, String path, String address, Bus bus) {
        VertxPlatformHttpRouter router = AppListener.router(context, "SOAP");
        Route route = router.route(HttpMethod.POST, path).handler(router.bodyHandler())
                .handler(request -> request.vertx().<Answer>executeBlocking(
                        () -> relay(bus, address, request), false).onComplete(done -> {
                            if (done.succeeded()) {
                                done.result().write(request);
                            } else {
                                LOG.warn("SOAP request on {} could not be relayed to its service: {}", path,
                                        done.cause().toString());
                                request.response().setStatusCode(500).end();
                            }
                        }));
        LOG.info("serving SOAP on POST {} of the HTTP listener", path);
        return new HttpListenerSoap(route);
    }

    void unmount() {
        route.remove();
    }


    /** What CXF answered. */
    private record Answer(int status, String contentType, String correlationId, byte[] body) {
        void write(RoutingContext request) {
            var response = request.response().setStatusCode(status);
            if (contentType != null) {
                response.putHeader("Content-Type", contentType);
            }
            if (correlationId != null) {
                response.putHeader("X-Correlation-Id", correlationId);
            }
            response.end(Buffer.buffer(body));
        }
    }

    private static Answer relay(Bus bus, String address, RoutingContext request) throws Exception {
        EndpointInfo endpoint = new EndpointInfo();
        endpoint.setAddress(address);
        Conduit conduit = bus.getExtension(ConduitInitiatorManager.class)
                .getConduitInitiator(LocalTransportFactory.TRANSPORT_ID).getConduit(endpoint, bus);
        CompletableFuture<Message> reply = new CompletableFuture<>();
        conduit.setMessageObserver(reply::complete);
        Message message = new MessageImpl();
        ExchangeImpl exchange = new ExchangeImpl();
        exchange.setOutMessage(message);
        message.setExchange(exchange);
        message.put(LocalConduit.DIRECT_DISPATCH, Boolean.TRUE);
        message.put(Message.HTTP_REQUEST_METHOD, "POST");
        message.put(Message.CONTENT_TYPE, request.request().getHeader("Content-Type"));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : PASSED) {
            String value = request.request().getHeader(name);
            if (value != null) {
                headers.put(name, List.of(value));
            }
        }
        message.put(Message.PROTOCOL_HEADERS, headers);
        try {
            conduit.prepare(message);
            try (OutputStream out = message.getContent(OutputStream.class)) {
                out.write(request.body().buffer() == null ? new byte[0] : request.body().buffer().getBytes());
            }
            conduit.close(message); // direct dispatch: the service runs now, on this thread
            Message answer = reply.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            byte[] body;
            try (InputStream in = answer.getContent(InputStream.class)) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            Integer code = (Integer) answer.get(Message.RESPONSE_CODE);
            int status = code == null ? 200 : code;
            if (status == 200 && isFault(body)) {
                status = 500;
            }
            return new Answer(status, (String) answer.get(Message.CONTENT_TYPE), correlationOf(answer), body);
        } finally {
            conduit.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static String correlationOf(Message answer) {
        Object headers = answer.get(Message.PROTOCOL_HEADERS);
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> header : map.entrySet()) {
                if ("X-Correlation-Id".equalsIgnoreCase(String.valueOf(header.getKey()))
                        && header.getValue() instanceof List<?> values && !values.isEmpty()) {
                    return String.valueOf(values.get(0));
                }
            }
        }
        return null;
    }

    private static final XMLInputFactory XML = secureStax();

    private static XMLInputFactory secureStax() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** True when CXF's answer is a SOAP fault (its Body's first element): HTTP says 500 for those. */
    private static boolean isFault(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new java.io.ByteArrayInputStream(body));
            boolean inBody = false;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT) {
                    if (inBody) {
                        return reader.getLocalName().equals("Fault");
                    }
                    inBody = reader.getLocalName().equals("Body");
                }
            }
            return false;
        } catch (XMLStreamException e) {
            return false;
        }
    }
}
