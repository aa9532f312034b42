package io.unikernal.adapter.serial;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The lines one logger writes (INFO and up) while this is open. */
final class LogLines implements AutoCloseable {

    private final String logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    LogLines(Class<?> logger) {
        this.logger = logger.getName();
        appender = new AbstractAppender("serial-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerConfig config = new LoggerConfig(this.logger, Level.INFO, true);
        config.addAppender(appender, Level.INFO, null);
        logging.getConfiguration().addLogger(this.logger, config);
        logging.updateLoggers();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logging.getConfiguration().removeLogger(logger);
        logging.updateLoggers();
        appender.stop();
    }
}
