package io.unikernal.adapter.serial.component;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code serial:<port>}: frames read from and written to a serial port (a path such as {@code /dev/ttyUSB0}) over
 * jSerialComm. A port opens for one process at a time, so the consumer and the producer of one port in a Camel
 * context share one open line ({@link SerialLine}), which closes when the last of them stops.
 */
@Component("serial")
public class SerialComponent extends DefaultComponent {

    private final Map<String, SerialLine> lines = new HashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("a serial endpoint names its port: serial:/dev/ttyUSB0");
        }
        SerialEndpoint endpoint = new SerialEndpoint(uri, this);
        endpoint.setPort(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The line of {@code settings.port()}, shared by every endpoint of that port; release it with {@link #release}. */
    synchronized SerialLine acquire(SerialSettings settings) {
        SerialLine line = lines.get(settings.port());
        if (line == null) {
            line = new SerialLine(settings);
            lines.put(settings.port(), line);
        } else if (!line.settings().equals(settings)) {
            throw new IllegalArgumentException("serial port " + settings.port() + " is used with different settings"
                    + " (" + line.settings().describe() + " and " + settings.describe() + "): one port has one set");
        }
        line.retain();
        return line;
    }

    synchronized void release(SerialLine line) {
        if (line.release()) {
            lines.remove(line.settings().port());
        }
    }
}
