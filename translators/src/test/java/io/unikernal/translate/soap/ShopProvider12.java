package io.unikernal.translate.soap;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;

/** {@link ShopProvider} over SOAP 1.2 ({@code ShopService12}): its faults are Sender and Receiver faults. */
@WebServiceProvider(serviceName = "ShopService12", portName = "ShopPort12", targetNamespace = ShopXml.NS)
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class ShopProvider12 extends ShopProvider {

    @Override
    String envelopeNamespace() {
        return ShopXml.SOAP12;
    }
}
