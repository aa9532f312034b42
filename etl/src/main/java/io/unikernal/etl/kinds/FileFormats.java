package io.unikernal.etl.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code format:} and the formats' own keys, for the source and target kinds that read or write files (file, s3):
 * which format a source or target has (written, else by its file name's ending), and its options as the text a bean
 * property carries. Kinds call it from their {@code check} and {@code compile}.
 */
public final class FileFormats {

    public static final ProblemCode NO_FORMAT = new PluginProblemCode("ETL", 5,
            "a file's format is neither written nor told by its name's ending");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FileFormats() {
    }

    /** {@code format:}, whose allowed values are the installed formats. */
    public static Option<String> formatOption(PipelineKinds kinds) {
        Option<String> option = Option.string("format")
                .description("The file's format: " + String.join(", ", kinds.formatNames()) + "; absent, the file"
                        + " name's ending tells it (" + String.join(", ", kinds.formats().stream()
                                .flatMap(f -> f.extensions().stream()).toList()) + ").").example("csv");
        return kinds.formatNames().isEmpty() ? option : option.allowed(kinds.formatNames().toArray(String[]::new));
    }

    /**
     * The format of {@code end}, whose file is {@code fileName} (may be null when not written: then nothing is
     * reported here, the missing key is): the one written, else the one its ending names; a problem when neither, or
     * when a key of another format is written.
     */
    public static Optional<RecordFormat> check(PipelineEnd end, String fileName, SectionChecks checks) {
        PipelineKinds kinds = PipelineKinds.installed();
        Optional<RecordFormat> format = of(end, fileName);
        if (format.isEmpty()) {
            if (fileName != null && end.get("format").isEmpty()) {
                checks.problems().error(NO_FORMAT, end.posOf("format"), "cannot tell the format of '" + fileName
                        + "' from its name", "write format: " + String.join(" | ", kinds.formatNames()));
            }
            return format;
        }
        for (RecordFormat other : kinds.formats()) {
            for (UdlKey key : other.keys()) {
                boolean own = format.get().keys().stream().anyMatch(k -> k.name().equals(key.name()));
                end.get(key.name()).filter(v -> !own).ifPresent(v -> checks.problems().error(
                        io.unikernal.udl.error.UdlErrorCode.UNKNOWN_KEY, end.input().keyPos(key.name()), "key '" + key.name()
                                + "' is an option of format " + other.name() + ", not of " + format.get().name(),
                        format.get().keys().isEmpty() ? "format " + format.get().name() + " takes no options"
                                : "format " + format.get().name() + " takes " + String.join(", ", format.get()
                                        .keys().stream().map(UdlKey::name).toList())));
            }
        }
        return format;
    }

    /** The installed format of that name, for a bean built from compiled properties; else why not, in words. */
    public static RecordFormat installed(String name) throws io.unikernal.etl.spi.PipelineException {
        PipelineKinds kinds = PipelineKinds.installed();
        return kinds.format(name).orElseThrow(() -> new io.unikernal.etl.spi.PipelineException("format " + name
                + " is not installed (installed: " + String.join(", ", kinds.formatNames()) + ")"));
    }

    /** The format written, else the one the file name's ending names. */
    public static Optional<RecordFormat> of(PipelineEnd end, String fileName) {
        PipelineKinds kinds = PipelineKinds.installed();
        Optional<StepInput> written = end.get("format");
        if (written.isPresent()) {
            return kinds.format(written.get().text());
        }
        return fileName == null ? Optional.empty() : kinds.formatOf(fileName);
    }

    /** The format's options written on {@code end}, as JSON text for a bean property ({@code {"delimiter":";"}}). */
    public static String options(PipelineEnd end, RecordFormat format) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (UdlKey key : format.keys()) {
            end.get(key.name()).ifPresent(v -> options.put(key.name(), v.toJava()));
        }
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("UDL values are JSON values", e);
        }
    }

    /** A bean's options text read back. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseOptions(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("format options are JSON written by the compiler: " + text, e);
        }
    }

    /** The keys of every format, for a kind's list of the keys it takes. */
    public static List<String> keyNames() {
        return PipelineKinds.installed().formatKeys().stream().map(UdlKey::name).toList();
    }
}
