package io.unikernal.translate.soap;

import jakarta.annotation.Resource;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP service REST -> SOAP calls in the tests: a JAX-WS {@link Provider} in PAYLOAD mode on CXF (no generated
 * classes), which records each request's body element and HTTP headers and answers {@code PlaceOrder} with the total
 * (price × quantity summed, read by hand), the line count, a warning per express order and the order back as
 * {@code echo}. An order id starting with {@code bad} is answered with a Client fault with a detail, {@code down} with
 * a Server fault.
 */
@WebServiceProvider(serviceName = "ShopService", portName = "ShopPort", targetNamespace = ShopXml.NS)
@ServiceMode(Service.Mode.PAYLOAD)
public class ShopProvider implements Provider<Source> {

    record Call(Element body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Resource
    private WebServiceContext context;

    /** The fault code namespace of the binding served. */
    String envelopeNamespace() {
        return ShopXml.SOAP11;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Source invoke(Source request) {
        Element body = ShopXml.parse(ShopXml.text(request)).getDocumentElement();
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                .get(MessageContext.HTTP_REQUEST_HEADERS);
        calls.add(new Call(body, Map.copyOf(headers)));
        if (body.getLocalName().equals("Notice")) {
            return null;
        }
        Element order = ShopXml.child(body, "order");
        String id = ShopXml.value(order, "id");
        if (id.startsWith("bad")) {
            throw fault(envelopeNamespace().equals(ShopXml.SOAP11) ? "Client" : "Sender", "order " + id
                    + " cannot be placed", "out of stock");
        }
        if (id.startsWith("down")) {
            throw fault(envelopeNamespace().equals(ShopXml.SOAP11) ? "Server" : "Receiver",
                    "the order book is unavailable", null);
        }
        BigDecimal total = BigDecimal.ZERO;
        List<Element> lines = ShopXml.children(order, "line");
        for (Element line : lines) {
            total = total.add(new BigDecimal(ShopXml.value(line, "price"))
                    .multiply(new BigDecimal(ShopXml.value(line, "quantity"))));
        }
        StringBuilder echo = new StringBuilder();
        for (Node child = order.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                echo.append(ShopXml.text(child).replaceFirst("^<\\?xml[^>]*\\?>", ""));
            }
        }
        String warning = "true".equals(ShopXml.value(order, "express")) ? "<s:warning>express</s:warning>" : "";
        String reply = "<s:PlaceOrderResponse xmlns:s=\"" + ShopXml.NS + "\"><s:orderId>placed-"
                + ShopXml.escape(id) + "</s:orderId><s:total>" + total.toPlainString() + "</s:total><s:lineCount>"
                + lines.size() + "</s:lineCount>" + warning + "<s:echo>" + echo + "</s:echo></s:PlaceOrderResponse>";
        return new StreamSource(new StringReader(reply));
    }

    /** CXF's own fault, with a {@code reason} in its detail when given. */
    private SoapFault fault(String code, String text, String reason) {
        SoapFault fault = new SoapFault(text, new QName(envelopeNamespace(), code));
        if (reason != null) {
            Element detail = fault.getOrCreateDetail();
            Element element = detail.getOwnerDocument().createElementNS(ShopXml.NS, "s:reason");
            element.setTextContent(reason);
            detail.appendChild(element);
        }
        return fault;
    }
}
