package io.unikernal.dsl.udm;

import io.unikernal.runtime.SchemaSpec;
import io.unikernal.runtime.StrictJson;
import io.unikernal.runtime.ValidateProcessor;
import io.unikernal.udm.UdmHeaders;
import io.unikernal.udm.schema.UdmMigrator;
import io.unikernal.udm.schema.UdmSchema;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Camel processors over a UDM schema: the kernel's own {@code validate:} step, and migration alone. */
public final class SchemaProcessors {

    private SchemaProcessors() {
    }

    /**
     * What a UDL {@code validate:} step does (the same processor): migrates the body to the schema's current version,
     * checks it and marks it with the schema's name and version. An invalid message fails the exchange with
     * {@link io.unikernal.runtime.MessageRejectedException} listing every violation: handle it with
     * {@code onException(MessageRejectedException.class)}.
     */
    public static Processor validate(UdmSchema schema) {
        ValidateProcessor processor = new ValidateProcessor();
        processor.setSpec(StrictJson.write(SchemaSpec.of(schema)));
        return processor;
    }

    /**
     * Brings a body written for an older version of {@code schema} up to it (renamed fields, defaults, number types)
     * without checking it, and marks it with the schema's name and version. A body that is not a JSON object is left
     * as it is.
     */
    @SuppressWarnings("unchecked")
    public static Processor migrate(UdmSchema schema) {
        return exchange -> {
            Message message = exchange.getMessage();
            if (message.getBody() instanceof Map<?, ?> body) {
                message.setBody(UdmMigrator.migrate(schema, (Map<String, Object>) body));
                message.setHeader(UdmHeaders.SCHEMA, schema.name());
                message.setHeader(UdmHeaders.SCHEMA_VERSION, schema.version());
            }
        };
    }
}
