package io.unikernal.adapter.serial.component;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * What a serial port is opened with — its path, line settings and framing — as one value, so two endpoints of one
 * port can be compared. Each setting is checked when the value is made and a wrong one is named with its value.
 */
public record SerialSettings(String port, int baudRate, int dataBits, String stopBits, String parity,
        String flowControl, String framing, int frameLength, int lengthFieldBytes, int maxFrameSize, String charset) {

    public SerialSettings {
        if (baudRate < 1) {
            throw new IllegalArgumentException("baudRate must be positive, not " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5, 6, 7 or 8, not " + dataBits);
        }
        stopBitsCode(stopBits);
        parityCode(parity);
        flowControlCode(flowControl);
        framing = framing.toLowerCase(Locale.ROOT);
        if (!framing.equals("line") && !framing.equals("fixed") && !framing.equals("length-prefixed")) {
            throw new IllegalArgumentException("framing must be line, length-prefixed or fixed, not " + framing);
        }
        if (lengthFieldBytes < 1 || lengthFieldBytes > 4) {
            throw new IllegalArgumentException("lengthFieldBytes must be 1 to 4, not " + lengthFieldBytes);
        }
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive, not " + maxFrameSize);
        }
        if (framing.equals("fixed") && (frameLength < 1 || frameLength > maxFrameSize)) {
            throw new IllegalArgumentException("fixed framing needs a frameLength from 1 to maxFrameSize ("
                    + maxFrameSize + "), not " + frameLength);
        }
        Charset.forName(charset);
    }

    public boolean fixed() {
        return framing.equals("fixed");
    }

    public boolean lengthPrefixed() {
        return framing.equals("length-prefixed");
    }

    /** The longest frame the length field can announce: 255 for one byte, 65535 for two, ... */
    public long largestPrefixed() {
        return (1L << (8 * lengthFieldBytes)) - 1;
    }

    public Charset charsetValue() {
        return Charset.forName(charset);
    }

    /** For messages: {@code 9600 8N1 flow none, line frames up to 65536 bytes, UTF-8}. */
    public String describe() {
        return baudRate + " " + dataBits + parity.toUpperCase(Locale.ROOT).charAt(0) + stopBits + " flow "
                + flowControl + ", " + (fixed() ? "fixed frames of " + frameLength + " bytes"
                        : framing + " frames up to " + maxFrameSize + " bytes") + ", " + charset;
    }

    static int stopBitsCode(String stopBits) {
        return switch (stopBits) {
            case "1" -> SerialPort.ONE_STOP_BIT;
            case "1.5" -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case "2" -> SerialPort.TWO_STOP_BITS;
            default -> throw new IllegalArgumentException("stopBits must be 1, 1.5 or 2, not " + stopBits);
        };
    }

    static int parityCode(String parity) {
        return switch (parity.toLowerCase(Locale.ROOT)) {
            case "none" -> SerialPort.NO_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            case "even" -> SerialPort.EVEN_PARITY;
            case "mark" -> SerialPort.MARK_PARITY;
            case "space" -> SerialPort.SPACE_PARITY;
            default -> throw new IllegalArgumentException("parity must be none, odd, even, mark or space, not "
                    + parity);
        };
    }

    static int flowControlCode(String flowControl) {
        return switch (flowControl.toLowerCase(Locale.ROOT)) {
            case "none" -> SerialPort.FLOW_CONTROL_DISABLED;
            case "rts-cts" -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case "xon-xoff" -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
            default -> throw new IllegalArgumentException("flowControl must be none, rts-cts or xon-xoff, not "
                    + flowControl);
        };
    }
}
