package io.unikernal.adapter.soap.component;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP faults a served operation answers with. CXF's neutral codes become the binding's own on the way out
 * (SOAP 1.1 {@code Client}/{@code Server}, SOAP 1.2 {@code Sender}/{@code Receiver}); the correlation id, when the
 * message has one, is the fault's {@code detail/correlationId}, and the status of a failed route's error reply its
 * {@code detail/status}.
 */
final class SoapFaults {

    /** The namespace of the fault detail's elements. */
    static final String DETAIL_NS = "urn:unikernal:soap";

    private SoapFaults() {
    }

    /** The request is at fault: it is not to be sent again as it is. */
    static SoapFault client(String text, String correlation) {
        return fault(text, Fault.FAULT_CODE_CLIENT, correlation, null);
    }

    /** This side failed: the same request may succeed later. */
    static SoapFault server(String text, String correlation) {
        return fault(text, Fault.FAULT_CODE_SERVER, correlation, null);
    }

    /**
     * The kernel's error reply of a failed route ({@code error}, {@code details}, {@code correlationId}, and a 4xx
     * {@code CamelHttpResponseCode} when the message was rejected) as a fault: a rejected message is a client fault
     * with its reason and details, anything else a server fault with the kernel's safe sentence.
     */
    static SoapFault ofErrorReply(Exchange exchange, String correlation) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        boolean rejected = status != null && status >= 400 && status < 500;
        Object body = exchange.getMessage().getBody();
        String text = rejected ? "the request was rejected" : "the request could not be processed";
        if (body instanceof Map<?, ?> reply && reply.get("error") != null) {
            StringBuilder words = new StringBuilder(String.valueOf(reply.get("error")));
            if (reply.get("details") instanceof List<?> details && !details.isEmpty()) {
                words.append(": ");
                for (int i = 0; i < details.size(); i++) {
                    words.append(i == 0 ? "" : "; ").append(details.get(i));
                }
            }
            text = words.toString();
        }
        // the status the route answered (a translation's: the REST service's) is the detail's status
        Integer answered = status != null && status >= 400 ? status : null;
        return fault(text, rejected ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER, correlation, answered);
    }

    private static SoapFault fault(String text, QName code, String correlation, Integer status) {
        SoapFault fault = new SoapFault(text, code);
        if (correlation != null || status != null) {
            Document document = DOMUtils.createDocument();
            Element detail = document.createElement("detail");
            if (correlation != null) {
                detail.appendChild(detailElement(document, "correlationId", correlation));
            }
            if (status != null) {
                detail.appendChild(detailElement(document, "status", String.valueOf(status)));
            }
            document.appendChild(detail);
            fault.setDetail(detail);
        }
        return fault;
    }

    private static Element detailElement(Document document, String name, String text) {
        Element element = document.createElementNS(DETAIL_NS, "u:" + name);
        element.setTextContent(text);
        return element;
    }
}
