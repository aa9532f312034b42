package io.unikernal.translate.detect;

import io.unikernal.adapter.soap.component.SecureXml;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Element;
import org.xml.sax.helpers.DefaultHandler;

/** Whether an XML body's root element is a SOAP 1.1 or 1.2 Envelope, read with the soap module's hardened parser. */
final class SoapEnvelope {

    static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";

    private SoapEnvelope() {
    }

    /** The root element as "{namespace}localName", or why the body is not readable XML. */
    static Optional<String> root(byte[] body, StringBuilder whyNot) {
        try {
            DocumentBuilder builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // the JDK would print parse errors to stderr
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            return Optional.of("{" + (root.getNamespaceURI() == null ? "" : root.getNamespaceURI()) + "}"
                    + root.getLocalName());
        } catch (Exception e) {
            whyNot.append(Printable.value(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    static boolean isEnvelope(String root) {
        return root.equals("{" + SOAP_11 + "}Envelope") || root.equals("{" + SOAP_12 + "}Envelope");
    }
}
