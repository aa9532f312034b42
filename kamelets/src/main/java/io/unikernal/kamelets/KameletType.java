package io.unikernal.kamelets;

import java.util.Locale;

/** The value of the {@code camel.apache.org/kamelet.type} label: where a Kamelet sits in a Pipe. */
public enum KameletType {
    /** Consumes from a system and hands each message to {@code kamelet:sink}. */
    SOURCE,
    /** Consumes {@code kamelet:source} and delivers to a system. */
    SINK,
    /** Consumes {@code kamelet:source}, changes the message and hands it to {@code kamelet:sink}. */
    ACTION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
