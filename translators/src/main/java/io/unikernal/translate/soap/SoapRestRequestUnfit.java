package io.unikernal.translate.soap;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;

/**
 * A served SOAP request whose body does not fit the operation's input element as the WSDL declares it: answered with
 * a Client (SOAP 1.2 Sender) fault naming what does not fit, and never forwarded to the REST service.
 */
final class SoapRestRequestUnfit extends MessageRejectedException {

    SoapRestRequestUnfit(String message, List<String> details) {
        super(400, message, details);
    }
}
