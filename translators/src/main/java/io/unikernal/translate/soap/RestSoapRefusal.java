package io.unikernal.translate.soap;

/**
 * A REST request the translation refuses before any SOAP call (no such operation, another verb than POST): its HTTP
 * status and words. Nothing is sent. Not a {@code MessageRejectedException}, which the kernel counts as a bad
 * message: here the caller asked for something the WSDL does not offer.
 */
final class RestSoapRefusal extends RuntimeException {

    private final int status;

    RestSoapRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
