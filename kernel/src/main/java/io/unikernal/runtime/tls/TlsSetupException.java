package io.unikernal.runtime.tls;

/** A system's TLS settings cannot be used: a store is missing, unreadable or of the wrong kind. One line, no secret. */
public class TlsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
