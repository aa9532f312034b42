package io.unikernal.testkit.probe;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The node of a call to a probe target: records the message ({@link Probes}) and leaves it unchanged. */
public final class ProbeRecorder implements Processor {

    private String key;

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public void process(Exchange exchange) {
        Probes.record(key, exchange);
    }
}
