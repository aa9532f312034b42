package io.unikernal.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stands in for a target while UDL {@code tests:} run ({@code unikernal test}): keeps a JSON copy of every body sent
 * to the system, so a test can compare them with what it expects. Never used by {@code run} or {@code compile}.
 */
public final class CaptureTarget implements Processor {

    private final String system;
    private final List<Object> received = new ArrayList<>();

    public CaptureTarget(String system) {
        this.system = system;
    }

    @Override
    public void process(Exchange exchange) {
        Object copy = StrictJson.read(StrictJson.write(exchange.getMessage().getBody()), Object.class);
        synchronized (received) {
            received.add(copy);
        }
    }

    public String system() {
        return system;
    }

    public List<Object> received() {
        synchronized (received) {
            return List.copyOf(new ArrayList<>(received));
        }
    }

    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }
}
