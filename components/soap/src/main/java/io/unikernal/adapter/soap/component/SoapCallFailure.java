package io.unikernal.adapter.soap.component;

/**
 * A call that failed on the service's side or on the way ({@code Server}/{@code Receiver} fault, no answer, an HTTP
 * error without a SOAP envelope): a failure the route's retry policy may carry.
 */
public final class SoapCallFailure extends RuntimeException {

    public SoapCallFailure(String message) {
        super(message);
    }
}
