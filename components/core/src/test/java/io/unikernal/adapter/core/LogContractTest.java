package io.unikernal.adapter.core;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The adapter contract suite for log: the peer is the log itself, read through an appender on its loggers. */
class LogContractTest extends AdapterContract {

    /** The log adapter's loggers are {@code unikernal.<app>.<system>}. */
    private static final String LOGGERS = "unikernal";
    /** The body is a map, logged as {@code {id=..., n=..., ...}}. */
    private static final Pattern ID = Pattern.compile("\\bid=([^,}]+)");

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "log";
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new LogLines();
            }
        };
    }

    /** Every line the log adapter's loggers write while the peer is open. */
    private static final class LogLines implements TargetPeer {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        private final AbstractAppender appender;

        LogLines() {
            appender = new AbstractAppender("contract-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    lines.add(event.getMessage().getFormattedMessage());
                }
            };
            appender.start();
            Configuration config = logging.getConfiguration();
            LoggerConfig loggers = new LoggerConfig(LOGGERS, Level.INFO, false);
            loggers.addAppender(appender, Level.INFO, null);
            config.addLogger(LOGGERS, loggers);
            logging.updateLoggers();
        }

        @Override
        public String system() {
            return "{adapter: log, level: INFO}";
        }

        @Override
        public List<Received> received() {
            return lines.stream().map(ID::matcher).filter(Matcher::find)
                    .map(found -> Received.body(Map.of("id", found.group(1)))).toList();
        }

        @Override
        public void close() {
            logging.getConfiguration().removeLogger(LOGGERS);
            logging.updateLoggers();
            appender.stop();
        }
    }
}
