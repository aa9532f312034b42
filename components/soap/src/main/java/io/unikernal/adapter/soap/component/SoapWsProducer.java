package io.unikernal.adapter.soap.component;

import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapHeader;
import org.w3c.dom.Element;

/**
 * Calls one operation at the endpoint's address through a camel-cxf producer in PAYLOAD mode: the JSON body becomes
 * the request element, the response element the JSON body ({@link XmlJson}). A {@code Client}/{@code Sender} fault
 * rejects the message ({@link SoapFaultRejection}: dead letter, no retry); a {@code Server}/{@code Receiver} fault and
 * a call that got no SOAP answer are failures the route may retry ({@link SoapCallFailure}). The headers camel-cxf
 * would take as instructions (another URL, another operation, request contexts) are dropped before the call; only the
 * header filter's envelope goes out as HTTP headers, and nothing as SOAP headers.
 */
final class SoapWsProducer extends DefaultAsyncProducer {

    private static final List<String> STEERING = List.of(CxfConstants.DESTINATION_OVERRIDE_URL,
            CxfConstants.OPERATION_NAME, CxfConstants.OPERATION_NAMESPACE, CxfConstants.REQUEST_CONTEXT,
            CxfConstants.RESPONSE_CONTEXT, CxfConstants.AUTHENTICATION, CxfConstants.JAXWS_CONTEXT, "SOAPAction");

    private SoapOperation operation;
    private CxfEndpoint cxf;
    private Producer producer;
    private AsyncProcessor call;

    SoapWsProducer(SoapWsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SoapWsEndpoint getEndpoint() {
        return (SoapWsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WsdlContract contract = getEndpoint().contract();
        operation = getEndpoint().operation(contract);
        cxf = getEndpoint().cxfEndpoint(getEndpoint().getAddress(), contract);
        cxf.setDefaultOperationName(operation.name().getLocalPart());
        cxf.setDefaultOperationNamespace(operation.name().getNamespaceURI());
        producer = cxf.createProducer();
        ServiceHelper.startService(cxf, producer);
        call = (AsyncProcessor) producer;
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownServices(producer, cxf);
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        Element request;
        try {
            SoapOperation.Message input = operation.input();
            request = XmlJson.toXml(SoapDispatcher.json(message.getBody()), input.element(), input.qualified(),
                    input.shape());
        } catch (IllegalArgumentException e) {
            exchange.setException(new MessageRejectedException("the body cannot be the " + operation.input()
                    .element().getLocalPart() + " element of SOAP operation " + name(), List.of(e.getMessage())));
            callback.done(true);
            return true;
        }
        STEERING.forEach(message::removeHeader);
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            message.setHeader(SoapHeaderFilter.CORRELATION_ID, correlation);
        }
        Object sent = message.getBody();
        message.setBody(new CxfPayload<SoapHeader>(new ArrayList<>(), new ArrayList<>(List.of(request))));
        ExchangePattern pattern = exchange.getPattern();
        exchange.setPattern(operation.oneWay() ? ExchangePattern.InOnly : ExchangePattern.InOut);
        return call.process(exchange, doneSync -> {
            try {
                exchange.setPattern(pattern);
                outcome(exchange, sent);
            } finally {
                callback.done(doneSync);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void outcome(Exchange exchange, Object sent) {
        Message message = exchange.getMessage();
        message.removeHeader(CxfConstants.REQUEST_CONTEXT);
        message.removeHeader(CxfConstants.RESPONSE_CONTEXT);
        Exception failure = exchange.getException();
        if (failure != null) {
            exchange.setException(failure(failure));
            return;
        }
        if (operation.oneWay()) {
            message.setBody(sent); // nothing came back: the route goes on with what it sent
            return;
        }
        CxfPayload<SoapHeader> payload = message.getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.size() != 1) {
            exchange.setException(new SoapCallFailure("SOAP call " + name() + " at " + getEndpoint().getAddress()
                    + " answered " + body.size() + " body elements instead of one "
                    + operation.output().element().getLocalPart()));
            return;
        }
        message.setBody(StrictJson.write(XmlJson.toJson(body.get(0), operation.output().shape())));
    }

    private RuntimeException failure(Exception failure) {
        String call = "SOAP call " + name() + " at " + getEndpoint().getAddress();
        // a fault with a cause is CXF's own, made when the answer could not be read (a DTD, malformed XML, over a
        // limit): the service is at fault then, not the message
        if (failure instanceof SoapFault fault && fault.getCause() == null) {
            String code = fault.getFaultCode().getLocalPart();
            String text = call + " answered a " + code + " fault: " + fault.getMessage();
            boolean client = code.equalsIgnoreCase("Client") || code.equalsIgnoreCase("Sender")
                    || code.startsWith("Client.");
            return client ? new SoapFaultRejection(text, fault) : new SoapCallFailure(text, fault);
        }
        return new SoapCallFailure(call + " failed: " + transportFailure(failure));
    }

    /**
     * What went wrong on the way, in words: CXF's HTTP client reports a refused connection as "Could not send
     * Message." over a {@code ConnectException} without a message.
     */
    private static String transportFailure(Throwable failure) {
        if (failure instanceof SoapFault && failure.getCause() instanceof javax.xml.stream.XMLStreamException) {
            return "its answer cannot be read (malformed XML, a DTD, or over the XML limits)";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect (connection refused)";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "no answer in time";
            }
        }
        String why = RootCause.message(failure);
        return why == null ? failure.getClass().getSimpleName() : why;
    }

    private String name() {
        return operation.name().getLocalPart();
    }
}
