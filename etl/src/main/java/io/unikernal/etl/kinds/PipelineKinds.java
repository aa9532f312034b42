package io.unikernal.etl.kinds;

import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The installed source kinds, target kinds and formats, found with {@link ServiceLoader}, in a stable order (by
 * adapter, by format name): what {@code pipelines:} allows and the keys its {@code source:} and {@code target:} take.
 */
public final class PipelineKinds {

    private static final PipelineKinds INSTALLED = load();

    private final List<PipelineSourceKind> sources;
    private final List<PipelineTargetKind> targets;
    private final List<RecordFormat> formats;

    private PipelineKinds(List<PipelineSourceKind> sources, List<PipelineTargetKind> targets,
            List<RecordFormat> formats) {
        this.sources = List.copyOf(sources);
        this.targets = List.copyOf(targets);
        this.formats = List.copyOf(formats);
    }

    public static PipelineKinds installed() {
        return INSTALLED;
    }

    private static PipelineKinds load() {
        ClassLoader loader = PipelineKinds.class.getClassLoader();
        List<PipelineSourceKind> sources = new ArrayList<>();
        ServiceLoader.load(PipelineSourceKind.class, loader).forEach(sources::add);
        sources.sort(Comparator.comparing(PipelineSourceKind::adapter));
        List<PipelineTargetKind> targets = new ArrayList<>();
        ServiceLoader.load(PipelineTargetKind.class, loader).forEach(targets::add);
        targets.sort(Comparator.comparing(PipelineTargetKind::adapter));
        List<RecordFormat> formats = new ArrayList<>();
        ServiceLoader.load(RecordFormat.class, loader).forEach(formats::add);
        formats.sort(Comparator.comparing(RecordFormat::name));
        return new PipelineKinds(sources, targets, formats);
    }

    public List<PipelineSourceKind> sources() {
        return sources;
    }

    public List<PipelineTargetKind> targets() {
        return targets;
    }

    public List<RecordFormat> formats() {
        return formats;
    }

    public Optional<PipelineSourceKind> source(String adapter) {
        return sources.stream().filter(k -> k.adapter().equals(adapter)).findFirst();
    }

    public Optional<PipelineTargetKind> target(String adapter) {
        return targets.stream().filter(k -> k.adapter().equals(adapter)).findFirst();
    }

    public List<String> sourceAdapters() {
        return sources.stream().map(PipelineSourceKind::adapter).distinct().toList();
    }

    public List<String> targetAdapters() {
        return targets.stream().map(PipelineTargetKind::adapter).distinct().toList();
    }

    public Optional<RecordFormat> format(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> formatNames() {
        return formats.stream().map(RecordFormat::name).toList();
    }

    /** The format a file name's ending says ({@code people.csv}: csv), ignoring case. */
    public Optional<RecordFormat> formatOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return formats.stream().filter(f -> f.extensions().stream().anyMatch(name::endsWith)).findFirst();
    }

    /** The keys source kinds add to {@code source:}, one per name (the first declaration wins), none required. */
    public List<UdlKey> sourceKeys() {
        return union(sources.stream().map(PipelineSourceKind::keys));
    }

    public List<UdlKey> targetKeys() {
        return union(targets.stream().map(PipelineTargetKind::keys));
    }

    /** The formats' own keys (on {@code source:} and {@code target:}). */
    public List<UdlKey> formatKeys() {
        return union(formats.stream().map(RecordFormat::keys));
    }

    public List<ProblemCode> problemCodes() {
        return Stream.concat(sources.stream().flatMap(k -> k.problemCodes().stream()),
                targets.stream().flatMap(k -> k.problemCodes().stream())).distinct().toList();
    }

    /**
     * One key per name, required by no one: a key one kind requires is a key another kind does not take, so the
     * section checks "required" per kind.
     */
    private static List<UdlKey> union(Stream<List<UdlKey>> declared) {
        Map<String, UdlKey> keys = new LinkedHashMap<>();
        declared.forEach(list -> list.forEach(key -> keys.putIfAbsent(key.name(), optional(key))));
        return List.copyOf(keys.values());
    }

    private static UdlKey optional(UdlKey key) {
        return new UdlKey(key.name(), key.shape(), false, key.defaultValue(), key.description(), key.example(),
                key.notYetHint(), key.missingCode(), key.secret(), key.requires(), key.excludes());
    }

}
