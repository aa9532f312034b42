package io.unikernal.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

public final class ValidateProcessor implements Processor {
    private final SchemaSpec spec;

    public ValidateProcessor(String schemaJson) {
        this.spec = Json.read(schemaJson, SchemaSpec.class);
    }

    @Override
    public void process(Exchange exchange) {
        throw new IllegalStateException("pending");
    }
}
