package io.unikernal.etl.run;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordSource;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.etl.spi.RecordTransform;
import io.unikernal.etl.spi.SourceRecord;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs one pipeline (the bean its route calls): reads the source from its checkpoint, hands each record through the
 * transform steps to the target, rejects what does not fit, and commits batches — each batch with its new checkpoint
 * as one unit (the target's), so a run killed anywhere resumes with no record missing and none twice, and a finished
 * source rerun adds nothing. The checkpoint is a compare-and-set: a second runner of the same pipeline fails instead
 * of loading twice.
 */
public final class PipelineRunner implements Processor, CamelContextAware {

    private String pipeline;
    private RecordSource.Factory source;
    private RecordTarget.Factory target;
    private RecordTransform transform = RecordTransform.NONE;
    private int batchRows = 10_000;
    private int batchBytes = 8 * 1024 * 1024;
    private Path rejectFile;
    private long rejectThreshold;
    private Mode mode = Mode.BATCH;
    private java.time.Duration batchTime = java.time.Duration.ofSeconds(1);
    private CamelContext camelContext;
    private PipelineMetrics metrics = PipelineMetrics.NONE;
    private volatile boolean stopRequested;
    private final ReentrantLock running = new ReentrantLock();

    /** How a run reads its source: to its end, as a stream, or to its end and then as a stream (hybrid). */
    public enum Mode {
        BATCH, STREAM, HYBRID
    }

    /** A scheduled or on-demand run: the route's body becomes the summary; too many rejects fail the exchange. */
    @Override
    public void process(Exchange exchange) {
        RunSummary summary = run(Progress.NONE);
        exchange.getMessage().setBody(summary.toMap());
        if (summary.thresholdExceeded()) {
            throw new PipelineFailure("pipeline " + pipeline + " rejected " + summary.totalRejected()
                    + " rows of " + source.describe() + ", more than its threshold " + rejectThreshold + " (see "
                    + rejectFile + ")");
        }
    }

    /** Runs the pipeline to the end of its source (a stream: until the app stops or {@link #stop()}). */
    public RunSummary run(Progress progress) {
        if (!running.tryLock()) {
            throw new PipelineFailure("pipeline " + pipeline + " is running already");
        }
        stopRequested = false;
        if (metrics == PipelineMetrics.NONE) {
            metrics = PipelineMetrics.of(camelContext, pipeline);
        }
        try {
            return load(progress);
        } catch (RecordTarget.CheckpointMoved e) {
            throw new PipelineFailure("pipeline " + pipeline + ": another run of " + source.describe() + " moved its"
                    + " checkpoint; this run stopped without loading its batch");
        } catch (PipelineException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": " + e.getMessage());
        } catch (IOException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": cannot read " + source.describe() + " or write "
                    + rejectFile + ": " + e.getClass().getSimpleName());
        } finally {
            running.unlock();
        }
    }

    private RunSummary load(Progress progress) throws IOException {
        long started = System.nanoTime();
        CheckpointStore checkpoints = checkpoints();
        String name = checkpointName();
        String saved = checkpoints.position(name).orElse(null);
        boolean resumed = saved != null;
        if (saved == null) {
            saved = firstCheckpoint(checkpoints, name);
        }
        Position at = Position.fromJson(saved);
        Position end = at;
        if (mode != Mode.STREAM) {
            end = read(source.create(), false, mode == Mode.HYBRID, at, end, saved, progress, started);
        }
        if (mode != Mode.BATCH && !stopping()) {
            // the hand-over: the stream resumes from the position the backfill committed, so nothing is read twice
            // and nothing is skipped (what that position means is the source's: a cursor value, offsets, a line)
            String handOver = checkpoints.position(name).orElse(saved);
            end = read(source.createStream(), true, false, Position.fromJson(handOver), end, handOver, progress,
                    started);
        }
        return summary(at, end, resumed, started);
    }

    /**
     * Reads one opened source to its end (a stream: until the app stops), committing batches; {@code followed}: a
     * stream reads on after it (hybrid), so steps that replay keep their windows open for it.
     */
    private Position read(RecordSource opened, boolean stream, boolean followed, Position at, Position before,
            String saved, Progress progress, long started) throws IOException {
        String name = checkpointName();
        try (RecordSource records = opened;
                RejectFile rejects = RejectFile.open(rejectFile, at.rejectsSize())) {
            if (records.fields().isEmpty() && !stream) {
                return before;
            }
            try (RecordTarget out = target.create()) {
                List<Field> fields = transform.open(records.fields());
                try {
                    out.open(fields);
                } catch (RecordTarget.CheckpointMoved e) {
                    throw e;
                } catch (PipelineException e) {
                    throw new PipelineException(records.fieldsPosition() + ": " + e.getMessage());
                }
                boolean replay = at.replay() > 0 && transform.replays();
                if (!records.resume(replay ? at.replayFrom() : at.source())) {
                    throw new PipelineException(records.describe() + " has fewer records than its checkpoint ("
                            + at.source() + "): it was replaced; its checkpoint " + name + " must be removed to"
                            + " load it anew");
                }
                if (replay) {
                    transform.restore(at.steps());
                }
                Batches batches = new Batches(records, out, rejects, name, saved, at, progress, started);
                batches.replaying = replay ? at.replay() : 0;
                batches.followed = followed;
                while (true) {
                    SourceRecord record;
                    try {
                        if (transform.replays()) {
                            batches.before = records.position();
                        }
                        record = records.next();
                    } catch (IOException e) {
                        batches.flush(); // the records before the bad place are good: keep them
                        if (e instanceof PipelineException) {
                            throw new PipelineException(e.getMessage() + "; the rows before it are loaded, fix"
                                    + " the source and run again to go on");
                        }
                        throw e;
                    }
                    if (record != null) {
                        batches.add(record);
                    } else if (!stream) {
                        break;
                    }
                    if (stream) {
                        batches.tick(record == null);
                        if (stopping()) {
                            batches.flush();
                            break;
                        }
                    }
                }
                return stream ? batches.committed : batches.finish();
            }
        }
    }

    /** True once the app is stopping (or {@link #stop()} was called): a stream commits what it has and ends. */
    private boolean stopping() {
        return stopRequested || Thread.currentThread().isInterrupted()
                || camelContext != null && (camelContext.isStopping() || camelContext.isStopped());
    }

    /** Asks a running stream to commit what it has and end. */
    public void stop() {
        stopRequested = true;
    }

    /** Batches filled record by record and committed with their checkpoint. */
    private final class Batches implements RecordTransform.Output {
        private final RecordSource records;
        private final RecordTarget out;
        private final RejectFile rejects;
        private final String name;
        private final Progress progress;
        private final long started;
        private final Position first;
        private String expected;
        private Position committed;
        private SourceRecord current;
        private String lastWhere;
        private long pending;
        private long pendingSince;
        private int emitted;
        private long read;
        private long written;
        private long rejected;
        private long dropped;
        private long reportedRead;
        private long reportedWritten;
        private long reportedRejected;
        /** Records still to read again only to rebuild the steps' state (a resume of replaying steps). */
        private long replaying;
        private boolean followed;
        /** Where the source stood before the current record, when the steps replay. */
        private String before;
        private long sequence = -1;
        private final java.util.TreeMap<Long, String> marks = new java.util.TreeMap<>();

        Batches(RecordSource records, RecordTarget out, RejectFile rejects, String name, String expected,
                Position at, Progress progress, long started) {
            this.records = records;
            this.out = out;
            this.rejects = rejects;
            this.name = name;
            this.expected = expected;
            this.first = at;
            this.committed = at;
            this.progress = progress;
            this.started = started;
        }

        void add(SourceRecord record) throws IOException {
            sequence++;
            boolean replay = replaying > 0;
            if (replay) {
                replaying--; // read before the checkpoint: counted, rejected and written then
            } else {
                read++;
                if (pending++ == 0) {
                    pendingSince = System.nanoTime();
                }
            }
            current = record;
            lastWhere = record.where();
            try {
                if (record.isBad()) {
                    if (!replay) {
                        reject(record.problem(), record);
                    }
                } else {
                    emitted = 0;
                    try {
                        transform.apply(record.values(), this);
                    } catch (BadValue e) {
                        if (!replay) {
                            reject(e.getMessage(), record);
                        }
                    }
                    if (emitted == 0 && transform.idle() && !replay) {
                        dropped++;
                    }
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            } finally {
                current = null;
            }
            if (mayCommit() && (out.bufferedRecords() >= batchRows || out.bufferedBytes() >= batchBytes)) {
                commit(false);
            }
        }

        /** While the steps hold records, only a checkpoint that can rebuild them may be committed. */
        private boolean mayCommit() {
            return replaying == 0 && (transform.idle() || transform.replays());
        }

        @Override
        public long mark() {
            if (current == null) {
                return -1;
            }
            marks.put(sequence, before);
            return sequence;
        }

        /** A result of the steps, into the target; one it refuses is rejected (the record it came from, if any). */
        @Override
        public void accept(Object[] values) {
            emitted++;
            try {
                out.add(values);
            } catch (BadValue e) {
                try {
                    if (current != null) {
                        reject(e.getMessage(), current);
                    } else {
                        reject(e.getMessage(), values);
                    }
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }
        }

        @Override
        public void reject(String reason, Object[] values) {
            try {
                rejects.add(reason, values, "the transform's output");
                rejected++;
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }

        private void reject(String reason, SourceRecord record) throws IOException {
            rejects.add(reason, record.raw() != null ? record.raw() : record.values(), record.where());
            rejected++;
        }

        /** A stream's clock: windows whose time is over are handed on; a batch older than batch.time commits. */
        void tick(boolean idleSource) throws IOException {
            emit(() -> transform.tick(this));
            if (pending == 0 || !mayCommit()) {
                metrics.lag(pending == 0 ? 0 : (System.nanoTime() - pendingSince) / 1_000_000);
                return;
            }
            long age = System.nanoTime() - pendingSince;
            if (idleSource || age >= batchTime.toNanos()) {
                commit(false);
            } else {
                metrics.lag(age / 1_000_000);
            }
        }

        void flush() throws IOException {
            if (pending > 0 && mayCommit()) {
                commit(false);
            }
        }

        Position finish() throws IOException {
            if (!(followed && transform.replays())) {
                emit(() -> transform.flush(this));
            }
            if (pending > 0 || !committed.done()) {
                commit(!records.unbounded());
            }
            return committed;
        }

        private void emit(Step step) throws IOException {
            try {
                step.run();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private void commit(boolean done) throws IOException {
            long rejectsSize = rejects.sync();
            long batch = out.bufferedRecords();
            long oldest = transform.replays() ? transform.oldestHeld() : -1;
            String replayFrom = oldest < 0 ? null : marks.get(oldest);
            if (oldest >= 0 && !marks.containsKey(oldest)) {
                throw new IllegalStateException("the steps hold record " + oldest + ", which they never marked");
            }
            marks.headMap(oldest < 0 ? Long.MAX_VALUE : oldest).clear();
            Position next = new Position(records.position(), rejectsSize, first.read() + read,
                    committed.written() + batch, first.rejected() + rejected, first.dropped() + dropped, done,
                    replayFrom, oldest < 0 ? 0 : sequence - oldest + 1, transform.replays() ? transform.saved()
                            : null);
            String text = next.toJson();
            try {
                out.commit(name, expected, text);
            } catch (RecordTarget.CheckpointMoved e) {
                throw e;
            } catch (PipelineException e) {
                throw new PipelineException("the batch up to " + lastWhere + " cannot be loaded into "
                        + out.describe() + ": " + e.getMessage() + "; nothing of it was loaded, the batches before"
                        + " it are");
            }
            written += batch;
            expected = text;
            committed = next;
            pending = 0;
            metrics.committed(read - reportedRead, written - reportedWritten, rejected - reportedRejected);
            reportedRead = read;
            reportedWritten = written;
            reportedRejected = rejected;
            progress.committed(new Progress.Snapshot(read, written, rejected, records.bytesRead(), records.size(),
                    (System.nanoTime() - started) / 1e9));
        }
    }

    /** A call into the transform that may hand on results. */
    @FunctionalInterface
    private interface Step {
        void run() throws PipelineException;
    }

    /**
     * The first checkpoint, saved before any record is read: nothing loaded, the reject file's size now. The reject
     * file may hold other sources' rejects (one pipeline, a new file at its path); a crashed first batch then cuts
     * the file back to here, not to nothing.
     */
    private String firstCheckpoint(CheckpointStore checkpoints, String name) throws IOException {
        long size = Files.exists(rejectFile) ? Files.size(rejectFile) : 0;
        String first = new Position(null, size, 0, 0, 0, 0, false).toJson();
        if (!checkpoints.advance(name, null, first)) {
            throw new PipelineFailure("pipeline " + pipeline + ": another run of " + source.describe() + " started"
                    + " at the same time; this run stopped before loading anything");
        }
        return first;
    }

    private RunSummary summary(Position before, Position after, boolean resumed, long started) {
        return new RunSummary(pipeline, source.describe(), after.read() - before.read(),
                after.written() - before.written(), after.rejected() - before.rejected(), after.read(),
                after.written(), after.rejected(), rejectThreshold, resumed && before.read() > 0,
                (System.nanoTime() - started) / 1e9, rejectFile.toString());
    }

    /** Where the source stands: its checkpoint, empty when no run has started it. */
    public Optional<Position> status() {
        return checkpoints().position(checkpointName()).map(Position::fromJson);
    }

    private CheckpointStore checkpoints() {
        try {
            return target.checkpoints();
        } catch (IllegalStateException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": " + (e.getCause() instanceof PipelineException p
                    ? p.getMessage() : "the checkpoint store of " + target.describe() + " cannot be used"));
        }
    }

    /** What the source reads, for messages and {@code etl status}. */
    public String describeSource() {
        return source.describe();
    }

    public Path getRejectFile() {
        return rejectFile;
    }

    /** One checkpoint per source read: the source's name for it, hashed when longer than a name may be. */
    String checkpointName() {
        String name = source.checkpointName();
        return name.length() <= CheckpointStore.MAX_NAME_LENGTH ? name : "sha256:" + sha256(name);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public void setSource(RecordSource.Factory source) {
        this.source = source;
    }

    public void setTarget(RecordTarget.Factory target) {
        this.target = target;
    }

    public void setTransform(RecordTransform transform) {
        this.transform = transform;
    }

    public void setMode(String mode) {
        this.mode = Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    }

    public Mode getMode() {
        return mode;
    }

    /** A stream's batch commits once its oldest record waited this long (or the source has nothing more now). */
    public void setBatchTime(String batchTime) {
        this.batchTime = java.time.Duration.parse(batchTime);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public void setBatchRows(int batchRows) {
        this.batchRows = batchRows;
    }

    public void setBatchBytes(int batchBytes) {
        this.batchBytes = batchBytes;
    }

    public void setRejectFile(String rejectFile) {
        this.rejectFile = Path.of(rejectFile);
    }

    public void setRejectThreshold(long rejectThreshold) {
        this.rejectThreshold = rejectThreshold;
    }
}
