package io.unikernal.etl.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every format writes and reads a file larger than the heap of the JVM doing it, so neither side holds the file: a
 * child JVM ({@link FormatLoadChild}) with {@code -Xmx32m} and about 40 MB of data by default (half the rows for xlsx,
 * whose sheet XML is twice as long a row); with {@code -Dunikernal.etl.large=true} (profile {@code etl-long})
 * {@code -Xmx128m} and about 200 MB. Parquet's reader holds one row group (8 MiB as written here), so its child has
 * at least 64 MB and proportionally more rows. For xlsx, a zip,
 * the size compared is the sheet's XML as the reader parses it (the archive itself is several times smaller).
 */
class StreamingFormatsTest {

    private static final boolean LARGE = Boolean.getBoolean("unikernal.etl.large");
    private static final int HEAP_MB = LARGE ? 128 : 32;
    private static final long ROWS = LARGE ? 1_400_000 : 260_000;
    private static final Pattern RESULT = Pattern.compile("read=(\\d+) bad=(\\d+) sum=(\\d+) bytes=(\\d+) peakHeap=(\\d+)"
            + " maxHeap=(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl", "json", "parquet", "xlsx"})
    void aFileLargerThanTheHeapIsWrittenAndReadWhole(String format) throws Exception {
        Path file = dir.resolve("big." + format);
        // Parquet's reader holds a row group (8 MiB as written) with its pages read and decompressed: 48 MB ran out
        // on a fresh clone's CI, so at least 64 MB of heap, and data to outgrow it
        int heap = format.equals("parquet") ? Math.max(HEAP_MB, 64) : HEAP_MB;
        long rows = format.equals("xlsx") ? ROWS / 2 : format.equals("parquet") ? ROWS * heap / HEAP_MB : ROWS;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap + "m", "-Djava.io.tmpdir=" + dir, "-cp",
                System.getProperty("java.class.path"), FormatLoadChild.class.getName(), format, file.toString(),
                String.valueOf(rows)));
        Path log = dir.resolve(format + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(LARGE ? 900 : 300, TimeUnit.SECONDS)).as("the child ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();

        Matcher m = RESULT.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(rows);
        assertThat(Long.parseLong(m.group(2))).isZero();
        assertThat(Long.parseLong(m.group(3))).isEqualTo(rows * (rows + 1) / 2);
        long maxHeap = Long.parseLong(m.group(6));
        assertThat(dataBytes(file, format)).as("the data is larger than the child's heap").isGreaterThan(maxHeap);
        System.out.printf("%s: %d rows, file %d MB, data %d MB, heap used at most %d MB of %d MB%n", format, rows,
                Files.size(file) >> 20, dataBytes(file, format) >> 20, Long.parseLong(m.group(5)) >> 20,
                maxHeap >> 20);
    }

    private static long dataBytes(Path file, String format) throws Exception {
        if (!format.equals("xlsx")) {
            return Files.size(file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().filter(e -> e.getName().startsWith("xl/worksheets/")).mapToLong(ZipEntry::getSize)
                    .sum();
        }
    }
}
