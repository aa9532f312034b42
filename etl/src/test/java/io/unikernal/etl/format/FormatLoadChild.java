package io.unikernal.etl.format;

import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.RecordFormat;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.SourceRecord;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own with a small heap by {@link StreamingFormatsTest}: writes {@code rows} generated records in
 * a format with its writer, then reads them back with its reader, and prints what it read and the heap's peak.
 * Arguments: format name, file, rows.
 */
public final class FormatLoadChild {

    static final List<Field> FIELDS = List.of(new Field("id", FieldType.LONG, false), Field.text("name"),
            new Field("amount", FieldType.DOUBLE, false), new Field("day", FieldType.DATE, false));

    private FormatLoadChild() {
    }

    public static void main(String[] args) throws Exception {
        // the most heap in use (garbage included) sampled every 5 ms: what the JVM needed at most, roughly
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        RecordFormat format = io.unikernal.etl.kinds.PipelineKinds.installed().format(args[0]).orElseThrow();
        Path file = Path.of(args[1]);
        long rows = Long.parseLong(args[2]);
        Map<String, Object> options = format.name().equals("parquet") ? Map.of("compression", "uncompressed")
                : Map.of();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                RecordFormat.RecordWriter writer = format.writer(out, FIELDS, options)) {
            for (long id = 1; id <= rows; id++) {
                writer.write(new Object[] {id, "a name for row " + id + ", long enough that the file outgrows the"
                        + " heap of the JVM that writes and reads it; row " + Long.toHexString(id * 0x9E3779B97F4A7C15L), id * 0.25,
                    LocalDate.of(2000, 1, 1).plusDays(id % 10_000)});
            }
        }
        long read = 0;
        long bad = 0;
        long sum = 0;
        try (InputStream in = Files.newInputStream(file);
                RecordSource source = format.reader(in, file.toString(), Map.of(Spool.CHANNEL, file))) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                read++;
                if (r.isBad()) {
                    bad++;
                } else {
                    sum += Long.parseLong(String.valueOf(r.values()[0]));
                }
            }
        }
        sampler.interrupt();
        System.out.println("read=" + read + " bad=" + bad + " sum=" + sum + " bytes=" + Files.size(file)
                + " peakHeap=" + peak.get() + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
