package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.component.SecureXml;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The tests' own XML reading and writing for the shop contract (a hardened JDK parser), not the adapter's mapping. */
final class ShopXml {

    static final String NS = "urn:unikernal:test:shop";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private ShopXml() {
    }

    static Document parse(String xml) {
        try {
            return SecureXml.documentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + xml, e);
        }
    }

    static String text(Source source) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(source, new StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Node node) {
        return text(new DOMSource(node));
    }

    /** The child elements named {@code name} (any namespace), in order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static String value(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }

    /** The first element of a SOAP 1.1 or 1.2 body. */
    static Element bodyElement(Document envelope) {
        Node body = envelope.getElementsByTagNameNS(SOAP11, "Body").item(0);
        if (body == null) {
            body = envelope.getElementsByTagNameNS(SOAP12, "Body").item(0);
        }
        for (Node child = body.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String envelope11(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body>" + body
                + "</s:Body></s:Envelope>";
    }
}
