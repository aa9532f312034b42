package io.unikernal.adapter.soap.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.wsdl.Definition;
import javax.wsdl.WSDLException;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.binding.soap.model.SoapBindingInfo;
import org.apache.cxf.service.model.BindingInfo;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.service.model.MessageInfo;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.service.model.OperationInfo;
import org.apache.cxf.service.model.SchemaInfo;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.wsdl.WSDLManager;
import org.apache.cxf.wsdl11.WSDLServiceBuilder;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What a WSDL file (1.1, document/literal, SOAP 1.1 or 1.2 binding) says, read at run time by CXF's WSDL reader: the
 * service and SOAP port used (the named service, else the file's first one with a SOAP port) and its operations by
 * local name. No classes are generated; the operations' elements drive the XML/JSON mapping ({@link XmlJson}).
 */
public final class WsdlContract {

    private static volatile Bus bus;

    private final QName service;
    private final QName port;
    private final Map<String, SoapOperation> operations;

    private WsdlContract(QName service, QName port, Map<String, SoapOperation> operations) {
        this.service = service;
        this.port = port;
        this.operations = operations;
    }

    /** Reads {@code file}; {@code serviceName} (a local name) picks a service, or {@code null} for the first. */
    public static WsdlContract load(Path file, String serviceName) {
        if (!Files.isReadable(file)) {
            throw new WsdlContractException("the WSDL file " + file + " does not exist or cannot be read");
        }
        refuseDoctype(file);
        WSDLManager manager = bus().getExtension(WSDLManager.class);
        Definition definition;
        try {
            definition = manager.getDefinition(file.toUri().toString());
        } catch (WSDLException e) {
            throw new WsdlContractException("the WSDL file " + file.getFileName() + " cannot be read: "
                    + firstLine(e.getMessage()));
        } finally {
            manager.removeDefinition(file.toUri().toString()); // read afresh each time: the file may change
        }
        List<ServiceInfo> services;
        try {
            services = new WSDLServiceBuilder(bus()).buildServices(definition);
        } catch (RuntimeException e) {
            throw new WsdlContractException("the WSDL file " + file.getFileName() + " cannot be used: "
                    + firstLine(e.getMessage()));
        }
        List<String> names = new ArrayList<>();
        for (ServiceInfo info : services) {
            names.add(info.getName().getLocalPart());
            if (serviceName != null && !serviceName.equals(info.getName().getLocalPart())) {
                continue;
            }
            for (EndpointInfo endpoint : info.getEndpoints()) {
                if (endpoint.getBinding() instanceof SoapBindingInfo binding) {
                    return new WsdlContract(info.getName(), endpoint.getName(), operations(file, info, binding));
                }
            }
        }
        throw new WsdlContractException(file.getFileName() + (serviceName == null ? " declares no service with a"
                + " SOAP port" : " has no service " + serviceName + " with a SOAP port; its services: "
                + (names.isEmpty() ? "none" : String.join(", ", names))));
    }

    /**
     * Reads the file with a JDK parser that refuses DTDs first: CXF's reader refuses them too, but in words a user
     * cannot act on; this gives the line and column of what is wrong.
     */
    private static void refuseDoctype(Path file) {
        try {
            DocumentBuilder builder = SecureXml.documentBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(file.toFile());
        } catch (SAXParseException e) {
            String why = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "it declares a DOCTYPE (DTDs and entities are refused)" : e.getMessage();
            throw new WsdlContractException("the WSDL file " + file.getFileName() + " cannot be read: line "
                    + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + why);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new WsdlContractException("the WSDL file " + file.getFileName() + " cannot be read: "
                    + firstLine(e.getMessage()));
        }
    }

    private static Map<String, SoapOperation> operations(Path file, ServiceInfo service, BindingInfo binding) {
        if (binding instanceof SoapBindingInfo soap && "rpc".equals(soap.getStyle())) {
            throw new WsdlContractException(file.getFileName() + ": binding " + binding.getName().getLocalPart()
                    + " is rpc style; only document/literal is supported");
        }
        Map<String, SoapOperation> operations = new TreeMap<>();
        for (OperationInfo operation : service.getInterface().getOperations()) {
            String name = operation.getName().getLocalPart();
            QName input = element(file, name, "input", operation.getInput());
            QName output = operation.isOneWay() ? null : element(file, name, "output", operation.getOutput());
            operations.put(name, new SoapOperation(operation.getName(), message(service, input),
                    output == null ? null : message(service, output)));
        }
        return operations;
    }

    /** The one element part of a document/literal message. */
    private static QName element(Path file, String operation, String direction, MessageInfo message) {
        List<MessagePartInfo> parts = message == null ? List.of() : message.getMessageParts();
        if (parts.size() != 1 || !parts.get(0).isElement()) {
            throw new WsdlContractException(file.getFileName() + ": the " + direction + " of operation " + operation
                    + " must be one part with element= (document/literal), not " + (parts.isEmpty() ? "none"
                    : parts.stream().map(p -> p.getName().getLocalPart() + (p.isElement() ? "" : " (type=)"))
                    .collect(Collectors.joining(", "))));
        }
        return parts.get(0).getElementQName();
    }

    private static SoapOperation.Message message(ServiceInfo service, QName element) {
        return new SoapOperation.Message(element, qualified(service, element),
                XmlShape.of(service.getXmlSchemaCollection(), element));
    }

    /** Whether the children of a top-level element are in its namespace ({@code elementFormDefault="qualified"}). */
    private static boolean qualified(ServiceInfo service, QName element) {
        for (SchemaInfo schema : service.getSchemas()) {
            if (element.getNamespaceURI().equals(schema.getNamespaceURI())) {
                return schema.isElementFormQualified();
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        String line = text == null ? "unreadable" : text.strip().lines().findFirst().orElse("unreadable");
        return line.replaceAll("^WSDLException( \\(at [^)]*\\))?: faultCode=[A-Z_]+: ", "");
    }

    /** One bus for reading WSDL files (the served and called endpoints have their own). */
    private static Bus bus() {
        Bus current = bus;
        if (current == null) {
            synchronized (WsdlContract.class) {
                if (bus == null) {
                    bus = BusFactory.newInstance().createBus();
                }
                current = bus;
            }
        }
        return current;
    }

    public QName service() {
        return service;
    }

    public QName port() {
        return port;
    }

    public Map<String, SoapOperation> operations() {
        return operations;
    }
}
