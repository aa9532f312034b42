package io.unikernal.adapter.serial;

import io.unikernal.adapter.serial.component.SerialLine;
import io.unikernal.adapter.serial.component.SerialSettings;
import io.unikernal.adapter.serial.component.SerialUnavailableException;
import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The probe of a serial system. Before the app starts, the port must exist and open with the system's settings: a
 * path that does not exist, is no serial device or may not be opened is a wrong configuration (the start fails in one
 * line naming the system and the path); a port in use by another program is down for now. While the app runs the port
 * is the app's own (a port opens for one process at a time), so the check is that the device is still there: a device
 * unplugged is down, and up again once its path is back.
 */
public class SerialProbe extends AbstractSystemProbe {

    private String port;
    private int baudRate = 9600;
    private int dataBits = 8;
    private String stopBits = "1";
    private String parity = "none";
    private String flowControl = "none";
    private String framing = "line";
    private int frameLength;
    private int lengthFieldBytes = 4;
    private int maxFrameSize = 65536;
    private String charset = "UTF-8";

    @Override
    public ProbeResult checkBeforeStart() {
        try {
            SerialLine.tryOpen(new SerialSettings(port, baudRate, dataBits, stopBits, parity, flowControl, framing,
                    frameLength, lengthFieldBytes, maxFrameSize, charset));
            return ProbeResult.up();
        } catch (SerialUnavailableException e) {
            String cause = e.getMessage();
            if (cause.contains("in use")) {
                return ProbeResult.unavailable(cause);
            }
            return ProbeResult.misconfigured(cause, "check the system's port (is the device plugged in, and is this"
                    + " its path?)");
        } catch (IllegalArgumentException e) {
            return ProbeResult.misconfigured("serial port " + port + ": " + e.getMessage(), "check the system's"
                    + " settings");
        }
    }

    @Override
    public ProbeResult check() {
        return Files.exists(Path.of(port)) ? ProbeResult.up()
                : ProbeResult.unavailable("serial port " + port + " is gone (the device was removed)");
    }

    public void setPort(String port) {
        this.port = port;
    }

    public void setBaudRate(int baudRate) {
        this.baudRate = baudRate;
    }

    public void setDataBits(int dataBits) {
        this.dataBits = dataBits;
    }

    public void setStopBits(String stopBits) {
        this.stopBits = stopBits;
    }

    public void setParity(String parity) {
        this.parity = parity;
    }

    public void setFlowControl(String flowControl) {
        this.flowControl = flowControl;
    }

    public void setFraming(String framing) {
        this.framing = framing;
    }

    public void setFrameLength(int frameLength) {
        this.frameLength = frameLength;
    }

    public void setLengthFieldBytes(int lengthFieldBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }
}
