package io.unikernal.adapter.soap.component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaChoice;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * What the WSDL's schema says of an element, as far as JSON cares: whether its text is a number, an integer or a
 * boolean (so {@code <n>3</n>} is {@code 3}, not {@code "3"}), whether it may repeat (then it is always a JSON array,
 * even with one item), and its children's shapes in the schema's order (the order a reply is written in). Element
 * kinds the walk does not understand (extensions, groups, wildcards) are left untyped: strings and the plain rules of
 * {@link XmlJson}.
 */
record XmlShape(Kind kind, boolean repeated, Map<String, XmlShape> children) {

    enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, OBJECT }

    static final XmlShape UNTYPED = new XmlShape(Kind.TEXT, false, Map.of());

    private static final Set<String> INTEGERS = Set.of("int", "integer", "long", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
            "unsignedShort", "unsignedByte");
    private static final Set<String> NUMBERS = Set.of("decimal", "double", "float");

    XmlShape child(String name) {
        return children.getOrDefault(name, UNTYPED);
    }

    /** The shape of the top-level element {@code name}, or {@link #UNTYPED} when the schema does not declare it. */
    static XmlShape of(SchemaCollection schemas, QName name) {
        XmlSchemaElement element = schemas.getElementByQName(name);
        return element == null ? UNTYPED
                : of(schemas, element, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static XmlShape of(SchemaCollection schemas, XmlSchemaElement element, Set<Object> walking) {
        XmlSchemaElement target = element.isRef() && element.getRef().getTarget() != null ? element.getRef().getTarget()
                : element;
        boolean repeated = element.getMaxOccurs() > 1;
        XmlSchemaType type = target.getSchemaType();
        if (type == null && target.getSchemaTypeName() != null) {
            type = schemas.getTypeByQName(target.getSchemaTypeName());
        }
        if (type == null) {
            return new XmlShape(kindOf(target.getSchemaTypeName()), repeated, Map.of());
        }
        if (type instanceof XmlSchemaComplexType complex) {
            if (!walking.add(complex)) {
                return new XmlShape(Kind.OBJECT, repeated, Map.of()); // a recursive type: untyped below here
            }
            Map<String, XmlShape> children = new LinkedHashMap<>();
            collect(schemas, complex.getParticle(), children, walking);
            walking.remove(complex);
            return new XmlShape(Kind.OBJECT, repeated, children);
        }
        return new XmlShape(kindOf(builtin(schemas, type)), repeated, Map.of());
    }

    private static void collect(SchemaCollection schemas, XmlSchemaParticle particle, Map<String, XmlShape> children,
            Set<Object> walking) {
        List<?> items = particle instanceof XmlSchemaSequence sequence ? sequence.getItems()
                : particle instanceof XmlSchemaAll all ? all.getItems()
                : particle instanceof XmlSchemaChoice choice ? choice.getItems()
                : List.of();
        boolean manyParticle = particle != null && particle.getMaxOccurs() > 1;
        for (Object item : items) {
            if (item instanceof XmlSchemaElement child) {
                XmlShape shape = of(schemas, child, walking);
                String name = child.isRef() ? child.getRef().getTargetQName().getLocalPart() : child.getName();
                children.put(name, manyParticle ? new XmlShape(shape.kind, true, shape.children) : shape);
            } else if (item instanceof XmlSchemaParticle nested) {
                collect(schemas, nested, children, walking);
            }
        }
    }

    /** The XML Schema built-in a simple type restricts, following named bases. */
    private static QName builtin(SchemaCollection schemas, XmlSchemaType type) {
        XmlSchemaType current = type;
        for (int hops = 0; hops < 20 && current != null; hops++) {
            QName name = current.getQName();
            if (name != null && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(name.getNamespaceURI())) {
                return name;
            }
            if (!(current instanceof XmlSchemaSimpleType simple
                    && simple.getContent() instanceof XmlSchemaSimpleTypeRestriction restriction)) {
                return null;
            }
            QName base = restriction.getBaseTypeName();
            if (base != null && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(base.getNamespaceURI())) {
                return base;
            }
            current = base == null ? restriction.getBaseType() : schemas.getTypeByQName(base);
        }
        return null;
    }

    private static Kind kindOf(QName builtin) {
        if (builtin == null || !XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(builtin.getNamespaceURI())) {
            return Kind.TEXT;
        }
        String name = builtin.getLocalPart();
        return INTEGERS.contains(name) ? Kind.INTEGER : NUMBERS.contains(name) ? Kind.NUMBER
                : name.equals("boolean") ? Kind.BOOLEAN : Kind.TEXT;
    }
}
