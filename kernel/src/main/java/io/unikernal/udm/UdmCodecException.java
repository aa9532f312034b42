package io.unikernal.udm;

/** Thrown when bytes cannot be decoded as a UDM message; the message says what is wrong and where. */
public class UdmCodecException extends RuntimeException {
    public UdmCodecException(String message) {
        super(message);
    }

    public UdmCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
