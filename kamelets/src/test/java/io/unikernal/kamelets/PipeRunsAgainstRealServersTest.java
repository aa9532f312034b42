package io.unikernal.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A {@code kind: Pipe} written by {@link Manifests} chains the timer source, the transform action and the Redis sink;
 * camel-yaml-dsl runs it as Camel K would, against the machine's Redis. The same manifest, and an Integration, conform
 * to the Camel K CRD schemas, and carry Secret references, never values.
 */
class PipeRunsAgainstRealServersTest {

    @Test
    void aPipeOfSourceActionAndSinkWritesToRedis() throws Exception {
        String key = "kamelet-pipe-" + UUID.randomUUID();
        Map<String, Object> pipe = Manifests.pipe("orders-pipe",
                new Manifests.Step("unikernal-timer-source", Map.of("period", "50", "repeatCount", "1")),
                List.of(new Manifests.Step("unikernal-transform-action", Map.of("field", "id",
                        "expression", "'" + key + "'"))),
                new Manifests.Step("unikernal-redis-sink", Map.of("keyField", "id")), null, null);
        assertThat(CrdSchemas.violations(CrdSchemas.pipe(), pipe)).isEmpty();
        try (KameletRunner runner = new KameletRunner(); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            runner.load(Manifests.toYaml(pipe));
            await().atMost(Duration.ofSeconds(20)).until(() -> jedis.get(key) != null);
            assertThat(jedis.get(key)).isEqualTo("{\"id\":\"" + key + "\"}");
            jedis.del(key);
        }
    }

    @Test
    void pipeAndIntegrationManifestsConformAndReferenceSecretsOnly() {
        Kamelet sink = new KameletCatalog(io.unikernal.plugins.Adapters.installed()).generate().kamelets().stream()
                .filter(k -> k.name().equals("unikernal-postgres-sink")).findFirst().orElseThrow();
        Map<String, Object> pipe = Manifests.pipe("p", new Manifests.Step("unikernal-timer-source", Map.of()),
                List.of(), new Manifests.Step(sink.name(), Manifests.fromPlaceholders(sink)), "p-config", "p-secrets");
        assertThat(CrdSchemas.violations(CrdSchemas.pipe(), pipe)).isEmpty();
        assertThat(Manifests.toYaml(pipe)).contains("sql: '{{sql}}'", "secret:p-secrets", "configmap:p-config");
        Map<String, Object> integration = Manifests.integration("orders", "- route:\n    from:\n      uri: timer:x\n",
                KameletExporter.dependencies(List.of(KameletExporter.KERNEL_ARTIFACT)), "orders-config",
                "orders-secrets");
        assertThat(CrdSchemas.violations(CrdSchemas.integration(), integration)).isEmpty();
        Map<String, Object> broken = Map.of("apiVersion", Kamelet.API_VERSION, "kind", "Pipe", "metadata",
                Map.of("name", "x"), "spec", Map.of("source", "not an object"));
        assertThat(CrdSchemas.violations(CrdSchemas.pipe(), broken)).isNotEmpty();
    }
}
