package io.unikernal.adapter.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A list body written as one JDBC batch: the statement prepared once with each {@code :#field} as a {@code ?}, one
 * {@code addBatch} per item (a record: its fields are the parameters), one {@code executeBatch}. With
 * {@code transaction = batch} (the default) the whole list is one transaction: every row or none; with {@code row}
 * each item commits on its own, in order, and the first that fails fails the message (the rows before it stay). The
 * body is kept; header {@code CamelSqlUpdateCount} is the number of rows changed. Drivers send a batch in few round
 * trips (MariaDB Connector/J as multi-row statements, {@code rewriteBatchedStatements}).
 */
public final class JdbcBatchWriter implements Processor {

    private static final Pattern PARAMETER = Pattern.compile(":#([A-Za-z_][A-Za-z0-9_]*)");
    /** Parameters the batch writer cannot bind: Camel sql's {@code :#${expression}} and {@code :#in:}. */
    private static final Pattern OTHER_PARAMETER = Pattern.compile(":#(?![A-Za-z_][A-Za-z0-9_]*)|:#in:");

    private DataSource dataSource;
    private String sql;
    private boolean perRow;
    private String statement;
    private List<String> fields;

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The statement with {@code :#field} parameters. */
    public void setSql(String sql) {
        this.sql = sql;
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            // interned like the field names Jackson reads, so a record's lookup mostly finds its key by identity
            names.add(m.group(1).intern());
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        this.statement = positional.toString();
        this.fields = List.copyOf(names);
    }

    /** {@code batch}: one transaction for the list; {@code row}: one per item. */
    public void setTransaction(String transaction) {
        this.perRow = "row".equals(transaction);
    }

    /** Whether a list body of this statement can be written as a batch: its parameters are all {@code :#field}. */
    static boolean canBatch(String sql) {
        return !OTHER_PARAMETER.matcher(sql).find();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<?> items = exchange.getIn().getBody(List.class);
        if (items == null || items.isEmpty()) {
            exchange.getIn().setHeader("CamelSqlUpdateCount", 0);
            return;
        }
        if (perRow) {
            // before the first row commits: a list with a bad item writes none of it
            checkFields(items);
        }
        try (Connection connection = dataSource.getConnection()) {
            int changed = perRow ? eachRow(connection, items) : oneTransaction(connection, items);
            exchange.getIn().setHeader("CamelSqlUpdateCount", changed);
        }
    }

    private int oneTransaction(Connection connection, List<?> items) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement batch = connection.prepareStatement(statement)) {
            // each item is checked as it is bound (one pass over the rows); a bad one rolls the whole list back
            for (int i = 0; i < items.size(); i++) {
                bind(batch, record(items, i), i);
                batch.addBatch();
            }
            int changed = count(batch.executeBatch());
            connection.commit();
            return changed;
        } catch (BatchUpdateException e) {
            connection.rollback();
            // the driver's reason for the row that failed (PostgreSQL puts it in the next exception)
            throw e.getNextException() != null ? e.getNextException() : e;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private int eachRow(Connection connection, List<?> items) throws SQLException {
        int changed = 0;
        try (PreparedStatement row = connection.prepareStatement(statement)) {
            for (int i = 0; i < items.size(); i++) {
                bind(row, (Map<?, ?>) items.get(i), i);
                try {
                    changed += Math.max(0, row.executeUpdate());
                } catch (SQLException e) {
                    throw new SQLException("item " + (i + 1) + " of the list failed (the " + i + " before it are "
                            + "written): " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
        return changed;
    }

    private void bind(PreparedStatement statement, Map<?, ?> item, int index) throws SQLException {
        for (int f = 0; f < fields.size(); f++) {
            Object value = item.get(fields.get(f));
            if (value == null && !item.containsKey(fields.get(f))) {
                throw missingField(index, fields.get(f));
            }
            statement.setObject(f + 1, value);
        }
    }

    private static Map<?, ?> record(List<?> items, int index) {
        if (!(items.get(index) instanceof Map<?, ?> item)) {
            throw new IllegalArgumentException("item " + (index + 1) + " of the list is not a record: a list body is "
                    + "written as a batch of records");
        }
        return item;
    }

    private static IllegalArgumentException missingField(int index, String field) {
        return new IllegalArgumentException("item " + (index + 1) + " of the list has no field '" + field + "' for :#"
                + field);
    }

    /** Every item has every field the statement takes (a null value is a value; a missing field is a mistake). */
    private void checkFields(List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> item = record(items, i);
            for (String field : fields) {
                if (!item.containsKey(field)) {
                    throw missingField(i, field);
                }
            }
        }
    }

    /** Rows changed; a driver that cannot tell per row ({@code SUCCESS_NO_INFO}, -2) counts as one each. */
    private static int count(int[] updates) {
        int changed = 0;
        for (int n : updates) {
            changed += n == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(0, n);
        }
        return changed;
    }

    @Override
    public String toString() {
        return "JdbcBatchWriter[" + sql + "]";
    }
}
