package io.unikernal.adapter.soap.component;

import javax.xml.namespace.QName;

/**
 * One document/literal operation of a WSDL port type: the element its request body is and the element its response
 * body is ({@code null} for a one-way operation), with whether each element's children are namespace qualified (the
 * schema's {@code elementFormDefault}) and each element's shape for the JSON mapping.
 */
public record SoapOperation(QName name, Message input, Message output) {

    /** A body element: its name, whether its children are qualified, its shape. */
    public record Message(QName element, boolean qualified, XmlShape shape) {
    }

    public boolean oneWay() {
        return output == null;
    }
}
