package io.unikernal.adapter.soap.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.cxf.binding.soap.SoapHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Hands a SOAP request CXF has parsed (PAYLOAD mode: the body element, already refused by CXF when it had a DTD, was
 * malformed, too deep or too large, or named no operation of the WSDL) to the route serving its operation: the body
 * element becomes a JSON body ({@link XmlJson}), the HTTP {@code X-Correlation-Id} the message's correlation id. The
 * route's final body becomes the response element; a failed route becomes a SOAP fault ({@link SoapFaults}) with the
 * kernel's words, never an exception's text.
 */
final class SoapDispatcher extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SoapDispatcher.class);
    /** camel-cxf's own headers on a served request, not the caller's. */
    private static final Set<String> CXF_HEADERS = Set.of(CxfConstants.OPERATION_NAME,
            CxfConstants.OPERATION_NAMESPACE, CxfConstants.REQUEST_CONTEXT, CxfConstants.RESPONSE_CONTEXT,
            CxfConstants.JAXWS_CONTEXT);

    private final Map<String, SoapWsConsumer> operations;

    SoapDispatcher(Map<String, SoapWsConsumer> operations) {
        this.operations = operations;
    }

    @Override
    public boolean process(Exchange request, AsyncCallback callback) {
        // CXF's carrier exchange belongs to no route: the route's own exchange is the one events and metrics count
        // (without this, Micrometer refuses the carrier's meter for lacking a routeId tag, with a warning)
        request.getExchangeExtension().setNotifyEvent(true);
        String name = request.getMessage().getHeader(CxfConstants.OPERATION_NAME, String.class);
        SoapWsConsumer consumer = name == null ? null : operations.get(name);
        if (consumer == null) {
            request.setException(SoapFaults.client("no route serves operation " + name, null));
            callback.done(true);
            return true;
        }
        Exchange exchange = consumer.createExchange(false);
        try {
            XmlShape shape = consumer.operation().input().shape();
            exchange.getMessage().setBody(StrictJson.write(XmlJson.toJson(bodyElement(request), shape)));
            copyHeaders(request.getMessage(), exchange.getMessage());
        } catch (RuntimeException e) {
            consumer.releaseExchange(exchange, false);
            LOG.debug("refused a SOAP request of {}: {}", name, e.toString());
            request.setException(SoapFaults.client("the request body cannot be read", null));
            callback.done(true);
            return true;
        }
        return consumer.getAsyncProcessor().process(exchange, doneSync -> {
            try {
                answer(consumer, exchange, request);
            } finally {
                consumer.releaseExchange(exchange, false);
                callback.done(doneSync);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Element bodyElement(Exchange request) {
        CxfPayload<SoapHeader> payload = request.getMessage().getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.size() != 1) {
            throw new IllegalArgumentException("a document/literal request has one body element, not " + body.size());
        }
        return body.get(0);
    }

    private static void copyHeaders(Message from, Message to) {
        from.getHeaders().forEach((key, value) -> {
            if (value instanceof String && !CXF_HEADERS.contains(key)) {
                to.setHeader(key, value);
            }
        });
    }

    private static void answer(SoapWsConsumer consumer, Exchange exchange, Exchange request) {
        Message reply = request.getMessage();
        reply.removeHeaders("*");
        String correlation = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            reply.setHeader(SoapHeaderFilter.CORRELATION_ID, correlation);
        }
        SoapOperation operation = consumer.operation();
        if (exchange.getException() != null) {
            // not handled by the route's error handling, which answers every failure of a route with a reply
            LOG.warn("the route serving SOAP operation {} failed: {}; correlationId={}",
                    operation.name().getLocalPart(), exchange.getException().toString(), correlation);
            request.setException(SoapFaults.server("the request could not be processed", correlation));
            return;
        }
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
            request.setException(SoapFaults.ofErrorReply(exchange, correlation));
            return;
        }
        if (operation.oneWay()) {
            reply.setBody(null);
            return;
        }
        SoapOperation.Message output = operation.output();
        try {
            Element element = XmlJson.toXml(json(exchange.getMessage().getBody()), output.element(),
                    output.qualified(), output.shape());
            List<Element> body = new ArrayList<>(List.of(element));
            reply.setBody(new CxfPayload<SoapHeader>(new ArrayList<>(), body));
        } catch (IllegalArgumentException e) {
            LOG.warn("the reply of the route serving SOAP operation {} is no {} element: {}; correlationId={}",
                    operation.name().getLocalPart(), output.element().getLocalPart(), e.getMessage(), correlation);
            request.setException(SoapFaults.server("the reply could not be made", correlation));
        }
    }

    /** The route's body as JSON: maps and lists as they are, JSON text parsed, other text as the element's text. */
    static JsonNode json(Object body) {
        if (body instanceof byte[] bytes) {
            body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            try {
                return StrictJson.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                return StrictJson.MAPPER.getNodeFactory().textNode(text);
            }
        }
        return StrictJson.MAPPER.valueToTree(body);
    }
}
