package io.unikernal.adapter.serial.component;

import java.io.IOException;

/** The port cannot be used now: it does not exist (any more), cannot be opened, or was lost while in use. */
public class SerialUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public SerialUnavailableException(String message) {
        super(message);
    }
}
