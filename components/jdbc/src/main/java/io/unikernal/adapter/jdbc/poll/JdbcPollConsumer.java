package io.unikernal.adapter.jdbc.poll;

import com.zaxxer.hikari.HikariDataSource;
import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: the rows after the saved cursor are read (the connection is given back before any is processed), then
 * processed one after the other. When a row's exchange completes — delivered or dead-lettered — the checkpoint moves
 * to its cursor by compare-and-set, inside the exchange's completion, so a stop after a row was recorded never finds
 * it unsaved. A row whose exchange fails stops the batch with the checkpoint before it: the next poll reads it
 * again. A compare-and-set that fails (another runner of the same checkpoint moved it) stops the batch too; the next
 * poll starts from where that runner got.
 */
public class JdbcPollConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPollConsumer.class);

    private final JdbcPollEndpoint endpoint;
    private final PollQuery query;
    /** Polls that failed in a row. */
    private int outage;

    JdbcPollConsumer(JdbcPollEndpoint endpoint, Processor processor, PollQuery query) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.query = query;
    }

    private record Row(Map<String, Object> body, Cursor cursor) {
    }

    /**
     * A poll that cannot read is a warning for the first of a run, debug for the others and one line at the recovery
     * (Camel's own handling warns at every poll, ten a second while a server restarts); the next poll tries again.
     */
    @Override
    protected int poll() {
        try {
            int finished = pollOnce();
            if (outage > 0) {
                LOG.info("jdbc-poll {}: reading again after {} failed polls", endpoint.getCheckpoint(), outage);
                outage = 0;
            }
            return finished;
        } catch (Exception e) {
            if (outage++ == 0) {
                LOG.warn("jdbc-poll {}: cannot read ({}); trying again every poll", endpoint.getCheckpoint(),
                        RootCause.message(e));
            } else {
                LOG.debug("jdbc-poll {}: still cannot read", endpoint.getCheckpoint(), e);
            }
            renewConnections(e);
            return 0;
        }
    }

    /**
     * Replaces the pool's connections after a failure that may have broken them (an H2 server that restarted answers
     * "database is already closed", which HikariCP does not take for a dead connection), unless the failure is the
     * SQL's own (SQLState class 42: a table or column that does not exist), which new connections would not mend.
     */
    private void renewConnections(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("42")) {
                return;
            }
        }
        if (endpoint.getDataSource() instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private int pollOnce() throws Exception {
        CheckpointStore checkpoints = endpoint.getCheckpoints();
        String name = endpoint.getCheckpoint();
        String saved = checkpoints.position(name).orElse(null);
        if (saved == null && endpoint.isStartAtEnd()) {
            return startAtEnd(checkpoints, name);
        }
        List<Row> rows = read(saved == null ? null : Cursor.parse(saved));
        int finished = 0;
        for (Row row : rows) {
            if (!isRunAllowed()) {
                break; // the rest are read again after the start
            }
            Advance advance = new Advance(checkpoints, name, saved, row.cursor().text());
            if (!process(row, advance)) {
                break;
            }
            saved = advance.next;
            finished++;
        }
        return finished;
    }

    /**
     * The first poll of a source that starts at the end: the last row there is becomes the saved cursor, unread, so
     * only rows written after it are messages; an empty table has nothing to skip and is read from its first row.
     */
    private int startAtEnd(CheckpointStore checkpoints, String name) throws Exception {
        List<Row> last;
        try (Connection connection = endpoint.getDataSource().getConnection();
                PreparedStatement statement = query.prepareLast(connection)) {
            last = rows(statement);
        }
        if (!last.isEmpty() && checkpoints.advance(name, null, last.get(0).cursor().text())) {
            LOG.info("jdbc-poll {}: starting after the last row there is, {}", name, last.get(0).cursor().text());
        } else if (last.isEmpty()) {
            checkpoints.advance(name, null, Cursor.FROM_FIRST_ROW);
        }
        return 0;
    }

    private List<Row> read(Cursor after) throws Exception {
        try (Connection connection = endpoint.getDataSource().getConnection();
                PreparedStatement statement = query.prepare(connection, after)) {
            return rows(statement);
        }
    }

    private List<Row> rows(PreparedStatement statement) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            int[] columns = null;
            while (result.next()) {
                if (columns == null) {
                    columns = query.cursorColumns(result);
                }
                rows.add(new Row(RowValues.of(result), query.cursorOf(result, columns)));
            }
        }
        return rows;
    }

    /** True when the row is finished and its cursor saved. */
    private boolean process(Row row, Advance advance) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(row.body());
            exchange.getIn().setHeader(JdbcPollConstants.CURSOR, advance.next);
            exchange.getIn().setHeader(JdbcPollConstants.CHECKPOINT, advance.name);
            exchange.getExchangeExtension().addOnCompletion(advance);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("jdbc-poll " + advance.name + ": the row at " + advance.next
                        + " failed; it is read again at the next poll", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return advance.done;
    }

    /** Moves the checkpoint to the row once its exchange completed. */
    private static final class Advance implements Synchronization {
        private final CheckpointStore checkpoints;
        private final String name;
        private final String expected;
        private final String next;
        private volatile boolean done;

        Advance(CheckpointStore checkpoints, String name, String expected, String next) {
            this.checkpoints = checkpoints;
            this.name = name;
            this.expected = expected;
            this.next = next;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                done = checkpoints.advance(name, expected, next);
                if (!done) {
                    LOG.warn("jdbc-poll {}: the checkpoint was moved by another runner of the same source; reading"
                            + " again from where it is", name);
                }
            } catch (RuntimeException e) {
                LOG.warn("jdbc-poll {}: the row at {} was finished but its cursor could not be saved ({}); it is"
                        + " read again", name, next, e.getMessage());
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            LOG.debug("jdbc-poll {}: the row at {} failed; the cursor stays", name, next);
        }
    }
}
