package io.unikernal.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.SecretMasker;
import java.net.URL;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** {@code %mask{...}} as the distribution's log4j2.xml uses it: message and stack trace both pass the masking. */
class MaskingConverterTest {

    @Test
    void theDistributionsLayoutMasksMessagesAndStackTraces() throws Exception {
        String secret = "conv-" + UUID.randomUUID();
        SecretMasker.registerSecret(secret);
        PatternLayout layout = distributionLayout();
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("unikernal.test").setLevel(Level.ERROR)
                .setMessage(new SimpleMessage("calling http://h/p?sig=" + secret + " with Authorization=Bearer tok9"))
                .setThrown(new IllegalStateException("failed: " + secret, new RuntimeException("password=pw-77")))
                .build();

        String line = layout.toSerializable(event);

        assertThat(line).doesNotContain(secret).doesNotContain("tok9").doesNotContain("pw-77")
                .contains("ERROR u.test - calling http://h/p?sig=" + SecretMasker.MASK + " with Authorization="
                        + SecretMasker.MASK)
                .as("the stack trace is written, once, inside the mask")
                .contains("java.lang.IllegalStateException: failed: " + SecretMasker.MASK)
                .contains("Caused by: java.lang.RuntimeException: password=" + SecretMasker.MASK)
                .contains("at io.unikernal.cli.logging.MaskingConverterTest");
        assertThat(line.split("IllegalStateException", -1)).hasSize(2);
    }

    /** The Console appender's layout of {@code src/main/resources/log4j2.xml}, the file the distribution ships. */
    private static PatternLayout distributionLayout() throws Exception {
        URL file = MaskingConverter.class.getClassLoader().getResource("log4j2.xml");
        assertThat(file).as("the distribution's log4j2.xml").isNotNull();
        try (var in = file.openStream()) {
            Configuration config = new XmlConfiguration(null, new ConfigurationSource(in, file));
            config.initialize();
            return (PatternLayout) config.getAppender("err").getLayout();
        }
    }
}
