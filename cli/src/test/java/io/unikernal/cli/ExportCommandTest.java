package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unikernal export}: the commands docs/ways-in/kamelets.md shows write what it says. */
class ExportCommandTest {

    static final String UDL = """
            udl: 8
            name: orders
            systems:
              tick:  {adapter: timer, period: "${env:TICK_PERIOD:1s}"}
              out:   {adapter: direct, name: kamelet-sink}
              in:    {adapter: direct, name: kamelet-source}
              cache: {adapter: redis, password: "${secret:REDIS_PASSWORD}"}
            routes:
              - name: tick
                from: tick
                steps:
                  - to: out
              - name: store
                from: in
                steps:
                  - to: cache
            """;

    @Test
    void exportWritesKameletsAPipeAndAnIntegrationWithSecretReferencesOnly(@TempDir Path dir) throws Exception {
        Path udl = Files.writeString(dir.resolve("orders.udl.yaml"), UDL);
        Cli kamelet = Cli.run("export", "--kamelet", udl.toString(), "-o", dir.resolve("k").toString());
        assertThat(kamelet.exitCode()).as(kamelet.err()).isZero();
        assertThat(dir.resolve("k/orders-tick.kamelet.yaml")).exists();
        assertThat(Files.readString(dir.resolve("k/orders-store.kamelet.yaml")))
                .contains("camel.apache.org/kamelet.type: sink", "REDIS_PASSWORD", "x-descriptors");

        Cli pipe = Cli.run("export", "--pipe", udl.toString(), "-o", dir.resolve("p").toString());
        assertThat(pipe.exitCode()).as(pipe.err()).isZero();
        assertThat(Files.readString(dir.resolve("p/orders.pipe.yaml"))).contains("kind: Pipe", "name: orders-tick",
                "name: orders-store", "REDIS_PASSWORD: '{{REDIS_PASSWORD}}'", "secret:orders-secrets");

        Cli camelK = Cli.run("export", "--camel-k", udl.toString(), "-o", dir.resolve("i").toString());
        assertThat(camelK.exitCode()).as(camelK.err()).isZero();
        assertThat(Files.readString(dir.resolve("i/orders.integration.yaml"))).contains("kind: Integration",
                "mvn:io.unikernal:unikernal-components-redis", "configmap:orders-config", "{{secret:REDIS_PASSWORD}}");
    }

    @Test
    void exportNeedsExactlyOneKind(@TempDir Path dir) throws Exception {
        Path udl = Files.writeString(dir.resolve("orders.udl.yaml"), UDL);
        Cli both = Cli.run("export", "--kamelet", "--pipe", udl.toString(), "-o", dir.toString());
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.err()).contains("mutually exclusive");
    }
}
