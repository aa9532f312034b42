package io.unikernal.adapter.serial.component;

/** A message that cannot be written as one frame of the port's framing (too long, or a newline inside a line). */
public class SerialFrameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SerialFrameException(String message) {
        super(message);
    }
}
