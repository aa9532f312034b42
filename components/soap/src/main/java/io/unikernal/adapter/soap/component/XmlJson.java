package io.unikernal.adapter.soap.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The one mapping between a SOAP body element and a UDM JSON body, both ways:
 * <ul>
 * <li>the body element itself (the operation's request or response element) is the JSON object; each child element
 * is a key, by local name (namespaces are dropped going in and come from the WSDL going out);</li>
 * <li>an element with only text is a string, or a number or boolean when the WSDL's schema types it so
 * ({@link XmlShape}: {@code <qty>3</qty>} of {@code xs:int} is {@code 3}; text that does not fit its type stays a
 * string); going out, numbers and booleans are written as their text;</li>
 * <li>an element with children is an object; a name that occurs more than once, or that the schema lets repeat, is an
 * array, in order (going out, an array is one element per item);</li>
 * <li>attributes are {@code "@name"} keys, and an element's text beside attributes or children is {@code "#text"};</li>
 * <li>{@code xsi:nil="true"} is {@code null} and back; an empty element is {@code ""}.</li>
 * </ul>
 * Going out, the keys the schema declares are written in its sequence order, others after them as they come.
 */
public final class XmlJson {

    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private XmlJson() {
    }

    /** The body element as a JSON object (a body element with only text is an object with "#text"). */
    public static ObjectNode toJson(Element body, XmlShape shape) {
        JsonNode value = value(body, shape);
        if (value instanceof ObjectNode object) {
            return object;
        }
        ObjectNode object = JSON.objectNode();
        if (value.isTextual() && !value.asText().isEmpty()) {
            object.set("#text", value);
        }
        return object;
    }

    /** An element the schema does not describe (a fault's detail) as JSON by the plain rules: text stays text. */
    public static ObjectNode toJson(Element element) {
        return toJson(element, XmlShape.UNTYPED);
    }

    private static JsonNode value(Element element, XmlShape shape) {
        if ("true".equals(element.getAttributeNS(XSI, "nil"))) {
            return JSON.nullNode();
        }
        ObjectNode object = JSON.objectNode();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!isNamespaceDeclaration(attribute) && !XSI.equals(attribute.getNamespaceURI())) {
                object.put("@" + localName(attribute), attribute.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        Map<String, List<JsonNode>> children = new LinkedHashMap<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                String name = localName(childElement);
                children.computeIfAbsent(name, key -> new ArrayList<>()).add(value(childElement, shape.child(name)));
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        if (children.isEmpty() && object.isEmpty()) {
            return shape.kind() == XmlShape.Kind.OBJECT ? object : scalar(text.toString(), shape.kind());
        }
        children.forEach((name, values) -> object.set(name, values.size() == 1 && !shape.child(name).repeated()
                ? values.get(0) : JSON.arrayNode().addAll(values)));
        if (!text.toString().isBlank()) {
            object.put("#text", text.toString().strip());
        }
        return object;
    }

    /** Typed text as its JSON value; text that does not fit its type stays text, for the route to judge. */
    private static JsonNode scalar(String text, XmlShape.Kind kind) {
        String trimmed = text.strip();
        try {
            return switch (kind) {
                case INTEGER -> JSON.numberNode(new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1)
                        : trimmed));
                case NUMBER -> JSON.numberNode(new BigDecimal(trimmed));
                case BOOLEAN -> trimmed.equals("true") || trimmed.equals("1") ? JSON.booleanNode(true)
                        : trimmed.equals("false") || trimmed.equals("0") ? JSON.booleanNode(false)
                        : JSON.textNode(text);
                default -> JSON.textNode(text);
            };
        } catch (NumberFormatException e) {
            return JSON.textNode(text);
        }
    }

    /** A namespace declaration, also one CXF's payload copied onto the element as a plain attribute. */
    private static boolean isNamespaceDeclaration(Attr attribute) {
        String name = attribute.getName();
        return XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI()) || name.equals("xmlns")
                || name.startsWith("xmlns:");
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    /**
     * The element {@code name} from a JSON value (an object's keys are its children, a scalar its text); children
     * are in {@code name}'s namespace when {@code qualified}, else in none.
     *
     * @throws IllegalArgumentException when the value cannot be that element (a key that is no XML name, a list)
     */
    public static Element toXml(JsonNode value, QName name, boolean qualified, XmlShape shape) {
        Document document = newDocument();
        Element root = document.createElementNS(name.getNamespaceURI(), "ns1:" + name.getLocalPart());
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ns1", name.getNamespaceURI());
        if (value instanceof ArrayNode) {
            throw new IllegalArgumentException("a list cannot be the element " + name.getLocalPart()
                    + "; make the body a JSON object of its children");
        }
        fill(root, value, shape, qualified ? name.getNamespaceURI() : null, qualified ? "ns1:" : "");
        document.appendChild(root);
        return root;
    }

    private static void fill(Element element, JsonNode value, XmlShape shape, String namespace, String prefix) {
        if (value == null || value.isNull()) {
            element.setAttributeNS(XSI, "xsi:nil", "true");
        } else if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : inSchemaOrder(object, shape)) {
                String key = field.getKey();
                if (key.equals("#text")) {
                    element.appendChild(element.getOwnerDocument().createTextNode(field.getValue().asText()));
                } else if (key.startsWith("@")) {
                    element.setAttribute(checkedName(key.substring(1)), field.getValue().asText());
                } else if (field.getValue() instanceof ArrayNode array) {
                    for (JsonNode item : array) {
                        element.appendChild(child(element, key, item, shape.child(key), namespace, prefix));
                    }
                } else {
                    element.appendChild(child(element, key, field.getValue(), shape.child(key), namespace, prefix));
                }
            }
        } else if (value instanceof ArrayNode) {
            throw new IllegalArgumentException("a list inside a list cannot be XML elements; nest it in an object");
        } else {
            element.appendChild(element.getOwnerDocument().createTextNode(value.asText()));
        }
    }

    /** The object's fields, those the schema declares first and in its order, then the others as they come. */
    private static List<Map.Entry<String, JsonNode>> inSchemaOrder(ObjectNode object, XmlShape shape) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (String name : shape.children().keySet()) {
            if (object.has(name)) {
                fields.add(Map.entry(name, object.get(name)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!shape.children().containsKey(field.getKey())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static Element child(Element parent, String key, JsonNode value, XmlShape shape, String namespace,
            String prefix) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, prefix + checkedName(key));
        fill(child, value, shape, namespace, prefix);
        return child;
    }

    private static String checkedName(String key) {
        if (!NAME.matcher(key).matches() || key.regionMatches(true, 0, "xml", 0, 3)) {
            throw new IllegalArgumentException("the key '" + key + "' cannot be an XML element or attribute name");
        }
        return key;
    }

    /** A document for building replies (nothing is parsed with it). */
    private static Document newDocument() {
        try {
            return SecureXml.documentBuilderFactory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML builder cannot be made", e);
        }
    }
}
