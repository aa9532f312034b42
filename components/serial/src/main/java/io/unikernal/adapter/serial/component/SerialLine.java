package io.unikernal.adapter.serial.component;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One serial port opened with its settings, shared by the consumer and the producer of that port (a port opens for one
 * process at a time: jSerialComm locks it). It opens on first use and again after it was lost: a read or write that
 * fails (the device was unplugged, the pseudo-terminal's other end closed) closes it, and the next use opens the path
 * again — through a symbolic link that may now point to another device node. Reads and writes may run at once on two
 * threads; opening and closing are serialised.
 */
public final class SerialLine {

    /** How long a read waits for the first byte before it returns nothing, so a reader sees a stop soon. */
    static final int READ_WAIT_MILLIS = 200;
    /** How long a write may block (flow control holding it back) before it fails. */
    static final int WRITE_WAIT_MILLIS = 5000;

    private final SerialSettings settings;
    private final Object writing = new Object();
    private int users;
    private SerialPort open;

    SerialLine(SerialSettings settings) {
        this.settings = settings;
    }

    public SerialSettings settings() {
        return settings;
    }

    synchronized void retain() {
        users++;
    }

    /** True when this was the last user: the line is closed. */
    synchronized boolean release() {
        if (--users > 0) {
            return false;
        }
        close();
        return true;
    }

    /** True while the port is open (between a successful open and its loss or close). */
    public synchronized boolean isOpen() {
        return open != null;
    }

    /** The open port, opening it first if needed. */
    synchronized SerialPort port() throws SerialUnavailableException {
        if (open != null) {
            return open;
        }
        open = openPort(settings);
        return open;
    }

    /**
     * Opens the port with the settings and closes it again: whether it can be used now. Fails with the reason, as
     * {@link #port()} would.
     */
    public static void tryOpen(SerialSettings settings) throws SerialUnavailableException {
        openPort(settings).closePort();
    }

    private static SerialPort openPort(SerialSettings settings) throws SerialUnavailableException {
        String path = settings.port();
        if (!Files.exists(Path.of(path))) {
            throw new SerialUnavailableException("serial port " + path + " does not exist");
        }
        if (Files.isRegularFile(Path.of(path)) || Files.isDirectory(Path.of(path))) {
            throw new SerialUnavailableException("serial port " + path + " is not a serial device but a "
                    + (Files.isDirectory(Path.of(path)) ? "folder" : "file"));
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new SerialUnavailableException("serial port " + path + " is not a serial device");
        }
        if (!port.openPort()) {
            throw new SerialUnavailableException("serial port " + path + " cannot be opened (" + why(port) + ")");
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(),
                SerialSettings.stopBitsCode(settings.stopBits()), SerialSettings.parityCode(settings.parity()));
        port.setFlowControl(SerialSettings.flowControlCode(settings.flowControl()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_WAIT_MILLIS, WRITE_WAIT_MILLIS);
        return port;
    }

    /**
     * Why an existing path did not open. jSerialComm's last error number is not always the system's errno (a port
     * locked by another process gave 2 here), so only a refused permission is told apart; anything else is taken for a
     * port in use, which may come free.
     */
    private static String why(SerialPort port) {
        int errno = port.getLastErrorCode();
        return errno == 13 ? "permission denied: the user needs read and write access, e.g. membership of group dialout"
                : "it is in use by another program, or is not a serial device; error " + errno;
    }

    /** Closes the port if {@code port} is still the open one: a use of it failed. */
    synchronized void lost(SerialPort port) {
        if (open == port && open != null) {
            open.closePort();
            open = null;
        }
    }

    synchronized void close() {
        if (open != null) {
            open.closePort();
            open = null;
        }
    }

    /**
     * Reads what arrives within {@link #READ_WAIT_MILLIS} into {@code buffer}: the number of bytes, 0 when nothing
     * came. A failed read closes the line and throws.
     */
    int read(byte[] buffer) throws SerialUnavailableException {
        SerialPort port = port();
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            lost(port);
            throw new SerialUnavailableException("serial port " + settings.port() + " was lost while reading");
        }
        if (n == 0 && !Files.exists(Path.of(settings.port()))) {
            lost(port);
            throw new SerialUnavailableException("serial port " + settings.port() + " is gone");
        }
        return n;
    }

    /** Writes all of {@code bytes}; a write that fails or stalls closes the line and throws. */
    void write(byte[] bytes) throws SerialUnavailableException {
        synchronized (writing) {
            SerialPort port = port();
            int offset = 0;
            while (offset < bytes.length) {
                int n = port.writeBytes(bytes, bytes.length - offset, offset);
                if (n <= 0) {
                    lost(port);
                    throw new SerialUnavailableException("serial port " + settings.port() + " took "
                            + offset + " of " + bytes.length + " bytes and then failed: the device is gone or does"
                            + " not accept data");
                }
                offset += n;
            }
        }
    }
}
