package io.unikernal.adapter.soap.component;

import io.unikernal.runtime.MessageRejectedException;
import java.util.List;

/**
 * A called service answered a {@code Client} (SOAP 1.2 {@code Sender}) fault: the message is at fault, so it goes
 * to the dead letter with the fault's words instead of being sent again.
 */
public final class SoapFaultRejection extends MessageRejectedException {

    public SoapFaultRejection(String message) {
        super(422, message, List.of());
    }
}
