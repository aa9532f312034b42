package io.unikernal.adapter.soap.component;

import java.util.Optional;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * A call that failed on the service's side or on the way ({@code Server}/{@code Receiver} fault, no answer, an HTTP
 * error without a SOAP envelope): a failure the route's retry policy may carry. A fault the service answered is kept
 * ({@link #fault()}) for a translation that passes its code, string and detail on.
 */
public final class SoapCallFailure extends RuntimeException {

    private final transient SoapFault fault;

    public SoapCallFailure(String message) {
        this(message, null);
    }

    public SoapCallFailure(String message, SoapFault fault) {
        super(message);
        this.fault = fault;
    }

    /** The service's fault, when it answered one (empty: no SOAP answer came). */
    public Optional<SoapFault> fault() {
        return Optional.ofNullable(fault);
    }
}
