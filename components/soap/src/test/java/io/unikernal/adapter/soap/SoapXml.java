package io.unikernal.adapter.soap;

import io.unikernal.adapter.soap.component.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The tests' own reading of SOAP XML (a hardened JDK parser), independent of the adapter's mapping. */
final class SoapXml {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private SoapXml() {
    }

    static Document parse(String xml) {
        try {
            return SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + xml, e);
        }
    }

    /** The first element of the SOAP body. */
    static Element bodyElement(Document envelope) {
        Element body = (Element) envelope.getElementsByTagNameNS(SOAP11, "Body").item(0);
        return firstElement(body);
    }

    static Element firstElement(Node parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    /** The text of the child element {@code name} (any namespace), or null. */
    static String child(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                return element.getTextContent();
            }
        }
        return null;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A SOAP 1.1 envelope around {@code body}. */
    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body>"
                + body + "</soap:Body></soap:Envelope>";
    }

    static String take(String id, int n, String note) {
        return "<o:Take xmlns:o=\"" + ContractWsdl.NS + "\"><o:id>" + escape(id) + "</o:id><o:n>" + n
                + "</o:n><o:note>" + escape(note) + "</o:note></o:Take>";
    }
}
