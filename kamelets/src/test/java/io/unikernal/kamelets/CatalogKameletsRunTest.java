package io.unikernal.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each catalog Kamelet run through camel-kamelet + camel-yaml-dsl against its real peer. */
class CatalogKameletsRunTest {

    static KameletRunner runner;

    @BeforeAll
    static void start() {
        runner = new KameletRunner();
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void timerSourceFiresIntoTheSink() throws Exception {
        String out = unique("seda:timer-out");
        runner.load(KameletRunner.route("kamelet:unikernal-timer-source?period=50&repeatCount=1", out));
        assertThat(runner.receive(out)).isNotNull();
    }

    @Test
    void transformActionSetsAField() throws Exception {
        String in = unique("direct:transform-in");
        String out = unique("seda:transform-out");
        runner.load("- route:\n    from:\n      uri: \"" + in + "\"\n      steps:\n"
                + "        - to: \"kamelet:unikernal-transform-action?field=total&expression=amount * 2\"\n"
                + "        - to: \"" + out + "\"\n");
        runner.producer.sendBody(in, "{\"amount\": 21}");
        assertThat(runner.receive(out)).contains("\"total\":42");
    }
}
