package io.unikernal.etl.format;

import io.unikernal.etl.spi.RecordFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link RecordFormat}s on the class path ({@code META-INF/services}), by name or by a file's ending. */
public final class Formats {

    private Formats() {
    }

    public static List<RecordFormat> all() {
        List<RecordFormat> formats = new ArrayList<>();
        ServiceLoader.load(RecordFormat.class, Formats.class.getClassLoader()).forEach(formats::add);
        return formats;
    }

    public static Optional<RecordFormat> named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The format a file name's ending says ({@code people.jsonl} → jsonl); the longest matching ending wins. */
    public static Optional<RecordFormat> forFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        RecordFormat best = null;
        int bestLength = 0;
        for (RecordFormat format : all()) {
            for (String ending : format.extensions()) {
                if (lower.endsWith(ending) && ending.length() > bestLength) {
                    best = format;
                    bestLength = ending.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The names of all formats, for messages ("one of csv, json, ..."). */
    public static List<String> names() {
        return all().stream().map(RecordFormat::name).sorted().toList();
    }
}
