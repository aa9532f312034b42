package io.unikernal.etl.file;

import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local file, read through its format: {@code {system: files, path: people.csv}} (under the file system's
 * {@code directory}) or inline {@code {adapter: file, path: data/people.csv}} (relative to the UDL file).
 */
public final class FileSourceKind implements PipelineSourceKind {

    /** The file adapter's folder option: a system's paths are under it. */
    static final String DIRECTORY = "directory";

    public static final Option<String> PATH = Option.string("path").required()
            .description("The file: relative to the file system's directory, or (inline) to the UDL file.")
            .example("data/people.csv");

    @Override
    public String adapter() {
        return "file";
    }

    @Override
    public String description() {
        return "a local file in any installed format, streamed; checkpointed by its position in the file";
    }

    @Override
    public List<UdlKey> keys() {
        return List.of(PATH.key());
    }

    @Override
    public boolean readsFormats() {
        return true;
    }

    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public void check(PipelineEnd source, SectionChecks checks) {
        FileFormats.check(source, source.read(PATH), checks);
    }

    @Override
    public String compile(PipelineEnd source, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        String path = source.read(PATH);
        RecordFormat format = FileFormats.of(source, path).orElseThrow();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("path", file(source, ctx).toString());
        properties.put("format", format.name());
        properties.put("formatOptions", FileFormats.options(source, format));
        String name = ctx.uniqueName("pipeline-" + source.pipeline() + "-source");
        ctx.addBean(name, FileSource.class, properties);
        return name;
    }

    /** The file read: under the system's directory, or (inline) relative to the UDL file; absolute in the YAML. */
    static Path file(PipelineEnd end, CompileContext ctx) {
        Path base = ctx.baseDir();
        if (end.system() != null) {
            OptionValue directory = end.system().option(DIRECTORY);
            if (directory != null) {
                base = base.resolve(directory.asString());
            }
        }
        return base.resolve(end.read(PATH)).toAbsolutePath().normalize();
    }
}
