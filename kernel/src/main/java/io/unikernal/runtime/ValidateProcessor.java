package io.unikernal.runtime;

import io.unikernal.udm.UdmHeaders;
import io.unikernal.udm.schema.UdmMigrator;
import io.unikernal.udm.schema.UdmSchema;
import io.unikernal.udm.schema.UdmSchemaValidator;
import io.unikernal.udm.schema.Violation;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A {@code validate:} step: migrates the body to the schema's current version (renamed fields, defaults, number
 * types), checks it, and marks the message with the schema's name and version. An invalid message is rejected with
 * every violation, so the caller and the dead-letter record see all of them.
 */
public final class ValidateProcessor implements Processor {

    private UdmSchema schema;

    /** The schema as {@link SchemaSpec} JSON (a bean property, so compiled YAML can set it). */
    public void setSpec(String schemaJson) {
        this.schema = StrictJson.read(schemaJson, SchemaSpec.class).toUdmSchema();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (JsonBodyParser.arrivedEmpty(exchange) && body instanceof Map<?, ?> map && map.isEmpty()) {
            throw new MessageRejectedException("empty body: schema " + schema.name() + " needs a JSON object",
                    List.of("the request had no body; send a JSON object with the fields of " + schema.name()));
        }
        if (!(body instanceof Map)) {
            throw new MessageRejectedException("the message does not match schema " + schema.name(),
                    List.of("expected a JSON object, got " + JsonTypes.describe(body)));
        }
        Map<String, Object> migrated = UdmMigrator.migrate(schema, (Map<String, Object>) body);
        List<Violation> violations = UdmSchemaValidator.validate(schema, migrated);
        if (!violations.isEmpty()) {
            throw new MessageRejectedException("the message does not match schema " + schema.name() + " v"
                    + schema.version(), violations.stream().map(Violation::message).toList());
        }
        message.setBody(migrated);
        message.setHeader(UdmHeaders.SCHEMA, schema.name());
        message.setHeader(UdmHeaders.SCHEMA_VERSION, schema.version());
    }
}
