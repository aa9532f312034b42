package io.unikernal.adapter.soap.component;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;
import java.util.Optional;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * A called service answered a {@code Client} (SOAP 1.2 {@code Sender}) fault: the message is at fault, so it goes
 * to the dead letter with the fault's words instead of being sent again. The fault itself ({@link #fault()}) is kept
 * for a translation that passes its code, string and detail on.
 */
public final class SoapFaultRejection extends MessageRejectedException {

    private final transient SoapFault fault;

    public SoapFaultRejection(String message) {
        this(message, null);
    }

    public SoapFaultRejection(String message, SoapFault fault) {
        super(422, message, List.of());
        this.fault = fault;
    }

    /** The service's fault as it answered it. */
    public Optional<SoapFault> fault() {
        return Optional.ofNullable(fault);
    }
}
