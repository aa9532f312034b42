package io.unikernal.adapter.jdbc.listen;

import org.apache.camel.spi.Metadata;

/** The headers of the {@code pg-listen} component. */
public final class PgListenConstants {

    @Metadata(description = "The channel the notification was sent on.", javaType = "String")
    public static final String CHANNEL = "CamelPgListenChannel";
    @Metadata(description = "The process id of the PostgreSQL backend that sent the notification.", javaType = "int")
    public static final String PROCESS_ID = "CamelPgListenProcessId";

    private PgListenConstants() {
    }
}
