package io.unikernal.adapter.serial.component;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code serial} component. */
public final class SerialConstants {

    @Metadata(label = "consumer", description = "The port the frame was read from.", javaType = "String")
    public static final String PORT = "CamelSerialPort";
    @Metadata(label = "consumer", description = "The frame's length in bytes (without its newline).",
            javaType = "int")
    public static final String FRAME_LENGTH = "CamelSerialFrameLength";

    private SerialConstants() {
    }
}
