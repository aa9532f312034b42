package io.unikernal.adapter.jdbc.poll;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code jdbc-poll} component. */
public final class JdbcPollConstants {

    @Metadata(description = "The row's cursor as the checkpoint keeps it once the row is finished (a JSON array of"
            + " tagged values, e.g. [\"long:42\"]).", javaType = "String")
    public static final String CURSOR = "CamelJdbcPollCursor";
    @Metadata(description = "The name of the checkpoint the source's cursor is kept under.", javaType = "String")
    public static final String CHECKPOINT = "CamelJdbcPollCheckpoint";

    private JdbcPollConstants() {
    }
}
