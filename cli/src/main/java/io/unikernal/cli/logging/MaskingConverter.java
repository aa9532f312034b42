package io.unikernal.cli.logging;

import io.unikernal.runtime.SecretMasker;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;
import org.apache.logging.log4j.core.pattern.PatternParser;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * {@code %mask{pattern}}: formats the inner pattern — message and stack trace included — and passes the whole text
 * through {@link SecretMasker}, so no registered secret value and no credential-like value reaches an appender. The
 * inner pattern always writes the event's exception (masked too), so the layout must not add its own.
 */
@Plugin(name = "MaskingConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"mask"})
public final class MaskingConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private MaskingConverter(List<PatternFormatter> formatters) {
        super("mask", "mask");
        this.formatters = formatters;
    }

    /** Called by Log4j with the configuration and the converter's options ({@code {pattern}}). */
    public static MaskingConverter newInstance(Configuration config, String[] options) {
        if (options == null || options.length != 1 || options[0] == null || options[0].isEmpty()) {
            StatusLogger.getLogger().error("%mask takes one option, the pattern to mask: %mask{%d %c - %msg%n}");
            return null;
        }
        PatternParser parser = PatternLayout.createPatternParser(config);
        // alwaysWriteExceptions: a stack trace is written inside the mask, never unmasked after it
        return new MaskingConverter(parser.parse(options[0], true, false, true));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        StringBuilder line = new StringBuilder(128);
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, line);
        }
        toAppendTo.append(SecretMasker.mask(line.toString()));
    }

    @Override
    public boolean handlesThrowable() {
        return true;
    }
}
