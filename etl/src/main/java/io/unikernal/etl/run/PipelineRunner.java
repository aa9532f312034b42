package io.unikernal.etl.run;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.etl.csv.CsvFormatException;
import io.unikernal.etl.csv.CsvRow;
import io.unikernal.etl.csv.CsvFile;
import io.unikernal.etl.postgres.Column;
import io.unikernal.etl.postgres.CopyBuffer;
import io.unikernal.etl.postgres.PostgresLoad;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs one pipeline (the bean its route calls): reads the file from its checkpoint, types each row by the target's
 * columns, rejects what does not fit, and loads batches — each batch's rows and its new checkpoint in one
 * transaction, so a run killed anywhere resumes with no row missing and none twice, and a finished file rerun adds
 * nothing. The checkpoint is a compare-and-set: a second runner of the same file fails instead of loading twice.
 */
public final class PipelineRunner implements Processor {

    private String pipeline;
    private DataSource dataSource;
    private JdbcCheckpoints checkpoints;
    private Path file;
    private String table;
    private String mode = "insert";
    private String key;
    private int batchRows = 10_000;
    private int batchBytes = 8 * 1024 * 1024;
    private Path rejectFile;
    private long rejectThreshold;
    private final ReentrantLock running = new ReentrantLock();

    /** A scheduled or on-demand run: the route's body becomes the summary; too many rejects fail the exchange. */
    @Override
    public void process(Exchange exchange) {
        RunSummary summary = run(Progress.NONE);
        exchange.getMessage().setBody(summary.toMap());
        if (summary.thresholdExceeded()) {
            throw new PipelineFailure("pipeline " + pipeline + " rejected " + summary.totalRejected()
                    + " rows of " + file + ", more than its threshold " + rejectThreshold + " (see " + rejectFile
                    + ")");
        }
    }

    /** Runs the pipeline to the end of the file. */
    public RunSummary run(Progress progress) {
        if (!running.tryLock()) {
            throw new PipelineFailure("pipeline " + pipeline + " is running already");
        }
        try {
            checkpoints.start();
            return load(progress);
        } catch (SQLException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": " + table + ": " + SqlMessages.of(e));
        } catch (NoSuchFileException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": no such file " + file);
        } catch (CsvFormatException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": " + e.getMessage()
                    + "; the rows before it are loaded, fix the file and run again to go on");
        } catch (IOException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": cannot read " + file + " or write " + rejectFile
                    + ": " + e.getClass().getSimpleName());
        } finally {
            running.unlock();
        }
    }

    private RunSummary load(Progress progress) throws SQLException, IOException {
        long started = System.nanoTime();
        String name = checkpointName();
        String saved = checkpoints.position(name).orElse(null);
        boolean resumed = saved != null;
        if (saved == null) {
            saved = firstCheckpoint(name);
        }
        Position at = Position.fromJson(saved);
        try (Connection connection = dataSource.getConnection();
                CsvFile rows = CsvFile.open(file);
                RejectFile rejects = RejectFile.open(rejectFile, at.rejectsSize(), file)) {
            connection.setAutoCommit(false);
            if (rows.header().isEmpty()) {
                return summary(at, at, resumed, started);
            }
            Plan plan = Plan.of(rows.header(), PostgresLoad.columns(connection, table), keyColumns(), table,
                    file);
            if (!rows.skip(at.records())) {
                throw new PipelineFailure("pipeline " + pipeline + ": " + file + " has fewer rows than its"
                        + " checkpoint (" + at.records() + "): it was replaced; its checkpoint " + name
                        + " must be removed to load it anew");
            }
            try (PostgresLoad load = PostgresLoad.open(connection, table, plan.columns(), plan.key())) {
                Batches batches = new Batches(load, connection, rejects, name, saved, at, progress, started);
                while (true) {
                    CsvRow row;
                    try {
                        row = rows.next();
                    } catch (CsvFormatException e) {
                        batches.flush(); // the rows before the bad place are good: keep them
                        throw e;
                    }
                    if (row == null) {
                        break;
                    }
                    batches.add(row, plan);
                }
                Position end = batches.finish();
                return summary(at, end, resumed, started);
            }
        }
    }

    /** Batches filled row by row and committed with their checkpoint. */
    private final class Batches {
        private final PostgresLoad load;
        private final Connection connection;
        private final RejectFile rejects;
        private final String name;
        private final Progress progress;
        private final long started;
        private final CopyBuffer buffer = new CopyBuffer();
        private final Position first;
        private String expected;
        private Position committed;
        private long records;
        private long line;
        private long read;
        private long written;
        private long rejected;

        Batches(PostgresLoad load, Connection connection, RejectFile rejects, String name, String expected,
                Position at, Progress progress, long started) {
            this.load = load;
            this.connection = connection;
            this.rejects = rejects;
            this.name = name;
            this.expected = expected;
            this.first = at;
            this.committed = at;
            this.records = at.records();
            this.line = at.line();
            this.progress = progress;
            this.started = started;
        }

        void add(CsvRow row, Plan plan) throws SQLException, IOException {
            read++;
            records++;
            line = row.line() + 1;
            try {
                buffer.add(plan.convert(row.fields()), row.line());
            } catch (Column.BadValue e) {
                rejects.add(e.getMessage(), row.fields(), row.line());
                rejected++;
            }
            if (buffer.rows() >= batchRows || buffer.size() >= batchBytes) {
                commit(false);
            }
        }

        void flush() throws SQLException, IOException {
            if (records != committed.records()) {
                commit(false);
            }
        }

        Position finish() throws SQLException, IOException {
            if (buffer.rows() > 0 || records != committed.records() || !committed.done()) {
                commit(true);
            }
            return committed;
        }

        private void commit(boolean done) throws SQLException, IOException {
            long rejectsSize = rejects.sync();
            long merged;
            try {
                merged = load.load(buffer);
            } catch (SQLException e) {
                connection.rollback();
                throw new PipelineFailure("pipeline " + pipeline + ": the batch up to " + file + ":" + (line - 1)
                        + " cannot be loaded into " + table + ": " + SqlMessages.of(e) + "; nothing of it was"
                        + " loaded, the batches before it are");
            }
            Position next = new Position(records, line, rejectsSize, first.read() + read,
                    committed.written() + merged, first.rejected() + rejected, done);
            String text = next.toJson();
            if (!checkpoints.advance(connection, name, expected, text)) {
                connection.rollback();
                throw new PipelineFailure("pipeline " + pipeline + ": another run of " + file + " moved its"
                        + " checkpoint; this run stopped without loading its batch");
            }
            connection.commit();
            written += merged;
            expected = text;
            committed = next;
            buffer.clear();
            progress.committed(read, written, rejected, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * A file's first checkpoint, saved before any row is read: no record loaded, the reject file's size now. The
     * reject file may hold other files' rejects (one pipeline, a new file at its path); a crashed first batch then
     * cuts the file back to here, not to nothing.
     */
    private String firstCheckpoint(String name) throws IOException {
        long size = java.nio.file.Files.exists(rejectFile) ? java.nio.file.Files.size(rejectFile) : 0;
        String first = new Position(0, 1, size, 0, 0, 0, false).toJson();
        if (!checkpoints.advance(name, null, first)) {
            throw new PipelineFailure("pipeline " + pipeline + ": another run of " + file + " started at the same"
                    + " time; this run stopped before loading anything");
        }
        return first;
    }

    private RunSummary summary(Position before, Position after, boolean resumed, long started) {
        return new RunSummary(pipeline, file.toString(), after.read() - before.read(),
                after.written() - before.written(), after.rejected() - before.rejected(), after.read(),
                after.written(), after.rejected(), rejectThreshold, resumed && before.records() > 0,
                (System.nanoTime() - started) / 1e9, rejectFile.toString());
    }

    /** Where the file stands: its checkpoint, empty when no run has started it. */
    public java.util.Optional<Position> status() {
        try {
            checkpoints.start();
        } catch (SQLException e) {
            throw new PipelineFailure("pipeline " + pipeline + ": " + SqlMessages.of(e));
        }
        return checkpoints.position(checkpointName()).map(Position::fromJson);
    }

    public Path getFile() {
        return file;
    }

    public Path getRejectFile() {
        return rejectFile;
    }

    /** One checkpoint per file: {@code file:<absolute path>}, hashed when longer than a name may be. */
    String checkpointName() {
        String name = "file:" + file.toAbsolutePath().normalize();
        return name.length() <= io.unikernal.runtime.checkpoint.CheckpointStore.MAX_NAME_LENGTH ? name
                : "file-sha256:" + sha256(name);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private List<String> keyColumns() {
        List<String> columns = new ArrayList<>();
        if ("upsert".equals(mode) && key != null) {
            for (String column : key.split(",")) {
                columns.add(column.strip());
            }
        }
        return columns;
    }

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setCheckpoints(JdbcCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    public void setFile(String file) {
        this.file = Path.of(file);
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public void setKey(String key) {
        this.key = key;
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
