package io.unikernal.etl.file;

import io.unikernal.etl.kinds.FileFormats;
import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local directory receiving a part file per batch in any installed format: {@code {adapter: file, path: out/people,
 * format: parquet}} (relative to the UDL file) or {@code {system: files, path: people, format: jsonl}} (under the
 * file system's directory).
 */
public final class FileTargetKind implements PipelineTargetKind {

    @Override
    public String adapter() {
        return "file";
    }

    @Override
    public String description() {
        return "a local directory: one part file per batch in any installed format, written to a temporary name and"
                + " renamed, then the checkpoint (kept in the directory) moves; a rerun replaces a part, never adds it"
                + " twice";
    }

    @Override
    public List<UdlKey> keys() {
        return List.of(FileSourceKind.PATH.key());
    }

    @Override
    public boolean writesFormats() {
        return true;
    }

    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public void check(PipelineEnd target, SectionChecks checks) {
        FileFormats.check(target, target.read(FileSourceKind.PATH), checks);
    }

    @Override
    public String compile(PipelineEnd target, SectionCompilation compilation) {
        Optional<RecordFormat> format = FileFormats.of(target, target.read(FileSourceKind.PATH));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("path", FileSourceKind.file(target, compilation.context()).toString());
        properties.put("format", format.orElseThrow().name());
        properties.put("formatOptions", FileFormats.options(target, format.get()));
        String name = compilation.context().uniqueName("pipeline-" + target.pipeline() + "-target");
        compilation.context().addBean(name, FileTarget.class, properties);
        return name;
    }
}
