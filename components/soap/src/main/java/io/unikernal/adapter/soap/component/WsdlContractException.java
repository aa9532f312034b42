package io.unikernal.adapter.soap.component;

/** A WSDL file that cannot be used: its words, for the UDL problem at the option or the start's failure. */
public final class WsdlContractException extends RuntimeException {

    public WsdlContractException(String message) {
        super(message);
    }
}
