package io.unikernal.etl.schema;

import io.unikernal.etl.format.Spool;
import io.unikernal.etl.kinds.PipelineKinds;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A schema inferred from a source: its fields (the header's names, or the names the format gives) with the kind
 * their values fit, read up to a number of records. {@link #toUdl} prints it as a UDL {@code schemas:} entry.
 */
public final class InferredSchema {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<InferredField> fields;
    private final long records;
    private final long bad;
    private final boolean complete;

    private InferredSchema(List<InferredField> fields, long records, long bad, boolean complete) {
        this.fields = fields;
        this.records = records;
        this.bad = bad;
        this.complete = complete;
    }

    /** Reads up to {@code limit} records of {@code source} (bad ones counted, not looked at). */
    public static InferredSchema infer(RecordSource source, long limit) throws IOException {
        List<InferredField> fields = source.fields().stream().map(InferredField::new).toList();
        long records = 0;
        long bad = 0;
        SourceRecord record = null;
        while (records < limit && (record = source.next()) != null) {
            records++;
            if (record.isBad()) {
                bad++;
                continue;
            }
            Object[] values = record.values();
            for (int i = 0; i < fields.size() && i < values.length; i++) {
                fields.get(i).add(values[i]);
            }
        }
        boolean complete = records < limit || source.next() == null;
        return new InferredSchema(fields, records, bad, complete);
    }

    /**
     * The schema of a file: read through {@code format} (null: the one its name's ending says) with the format's
     * {@code options}, up to {@code limit} records. Throws {@link PipelineException} in the user's words.
     */
    public static InferredSchema ofFile(Path file, String format, Map<String, Object> options, long limit)
            throws IOException {
        PipelineKinds kinds = PipelineKinds.installed();
        RecordFormat reader = (format != null ? kinds.format(format) : kinds.formatOf(file.toString()))
                .orElseThrow(() -> new PipelineException(format != null ? "no format " + format + " (installed: "
                        + String.join(", ", kinds.formatNames()) + ")" : "cannot tell the format of " + file
                        + " from its name: give --format " + String.join("|", kinds.formatNames())));
        if (!Files.isRegularFile(file)) {
            throw new PipelineException("no such file " + file);
        }
        Map<String, Object> all = new HashMap<>(options);
        all.put(Spool.CHANNEL, file);
        try (InputStream in = Files.newInputStream(file); RecordSource source = reader.reader(in, file.toString(),
                all)) {
            return infer(source, limit);
        }
    }

    public List<InferredField> fields() {
        return fields;
    }

    public long records() {
        return records;
    }

    public long bad() {
        return bad;
    }

    /** True when every record of the source was read. */
    public boolean complete() {
        return complete;
    }

    /** The schema as UDL: a comment saying what it was inferred from, then {@code schemas: {name: ...}}. */
    public String toUdl(String name, String from) {
        StringBuilder udl = new StringBuilder();
        udl.append("# inferred from ").append(from).append(": ").append(records).append(complete ? "" : " (the first)")
                .append(" records").append(bad > 0 ? ", " + bad + " of them unreadable and not looked at" : "")
                .append('\n');
        udl.append("schemas:\n  ").append(name).append(":\n    version: 1\n    fields:\n");
        for (InferredField field : fields) {
            udl.append("      ").append(key(field.name())).append(": {").append(type(field));
            if (field.required()) {
                udl.append(", required: true");
            }
            udl.append("}");
            if (!key(field.name()).equals(field.name())) {
                udl.append("  # ").append(field.name().replace('\n', ' ')).append(" in the file: map it with a set step");
            }
            udl.append('\n');
        }
        return udl.toString();
    }

    private static String type(InferredField field) {
        return switch (field.kind()) {
            case INT -> "type: int";
            case DECIMAL -> "type: decimal, description: \"at most " + field.maxScale() + " decimals seen\"";
            case DOUBLE -> "type: double";
            case BOOLEAN -> "type: boolean";
            case DATE -> "type: string, pattern: \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\", description: \"a date\"";
            case TIMESTAMP -> "type: timestamp";
            case STRING -> "type: string, description: \"at most " + field.maxLength() + " characters seen\"";
            case OBJECT -> "type: object";
            case ARRAY -> "type: array";
            case ANY -> "type: any";
        };
    }

    /** A UDL field name (a CEL variable): the name as is when it is one, else its letters and digits joined by '_'. */
    static String key(String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return name;
        }
        String plain = name.trim().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return plain.isEmpty() || Character.isDigit(plain.charAt(0)) ? "_" + plain : plain;
    }
}
