package io.unikernal.adapter.soap;

import jakarta.annotation.Resource;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Element;

/**
 * The SOAP service a {@code soap} target calls in the tests: a JAX-WS {@link Provider} in PAYLOAD mode on CXF
 * (no WSDL, no generated classes), which records each request's body element and HTTP headers and answers
 * {@code Take} with the order back ({@code TakeResponse}). An order whose id starts with {@code client-fault} or
 * {@code server-fault} is answered with that SOAP fault.
 */
@WebServiceProvider(serviceName = "OrdersService", portName = "OrdersPort", targetNamespace = ContractWsdl.NS)
@ServiceMode(Service.Mode.PAYLOAD)
public final class OrdersProvider implements Provider<Source> {

    record Call(Element body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Resource
    private WebServiceContext context;

    @Override
    @SuppressWarnings("unchecked")
    public Source invoke(Source request) {
        Element body = SoapXml.parse(text(request)).getDocumentElement();
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                .get(MessageContext.HTTP_REQUEST_HEADERS);
        calls.add(new Call(body, Map.copyOf(headers)));
        if (body.getLocalName().equals("Notice")) {
            return null; // one-way: no answer
        }
        String id = SoapXml.child(body, "id");
        if (id != null && id.startsWith("client-fault")) {
            throw fault("Client", "order " + id + " is not acceptable");
        }
        if (id != null && id.startsWith("server-fault")) {
            throw fault("Server", "the order book is unavailable");
        }
        String reply = "<o:TakeResponse xmlns:o=\"" + ContractWsdl.NS + "\"><o:id>" + SoapXml.escape(id)
                + "</o:id><o:n>" + SoapXml.child(body, "n") + "</o:n><o:note>"
                + SoapXml.escape(SoapXml.child(body, "note")) + "</o:note></o:TakeResponse>";
        return new StreamSource(new StringReader(reply));
    }

    /** CXF's own fault (no SAAJ needed): code Client or Server in the SOAP 1.1 envelope namespace. */
    private static SoapFault fault(String code, String text) {
        return new SoapFault(text, new QName(SoapXml.SOAP11, code));
    }

    private static String text(Source source) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(source, new StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
