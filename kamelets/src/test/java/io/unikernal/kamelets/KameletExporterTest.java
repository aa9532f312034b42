package io.unikernal.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** {@code export --kamelet}: the Kamelets of a UDL app's routes, valid, exactly parameterised, and runnable. */
class KameletExporterTest {

    static final String UDL = """
            udl: 8
            name: Orders
            systems:
              tick:   {adapter: timer, period: "${env:TICK_PERIOD:50ms}", repeatCount: 1}
              in:     {adapter: direct, name: kamelet-source-price}
              store-in: {adapter: direct, name: kamelet-source-store}
              out:    {adapter: direct, name: kamelet-sink}
              cache:  {adapter: redis, host: "${env:REDIS_HOST:127.0.0.1}", password: "${secret:REDIS_PASSWORD}"}
            routes:
              - name: tick-orders
                from: tick
                steps:
                  - transform: {set: {id: "'order-1'"}}
                  - to: out
              - name: price
                from: in
                steps:
                  - transform: {set: {total: "2 * 21"}}
                  - to: out
              - name: store
                from: store-in
                steps:
                  - to: {system: cache, keyPrefix: "${env:KEY_PREFIX}"}
            """;

    static List<Kamelet> export() {
        Adapters adapters = Adapters.installed();
        UdlDocument doc = new UdlParser(adapters).parse("orders.udl.yaml", UDL).orThrow();
        return new KameletExporter(adapters).export(doc, new UdlCompiler(adapters).compile(doc, Path.of("."),
                CompileOptions.DEFAULT));
    }

    @Test
    void eachRouteBecomesAKameletOfItsType() {
        List<Kamelet> kamelets = export();
        assertThat(kamelets).extracting(Kamelet::name).containsExactly("orders-tick-orders", "orders-price",
                "orders-store");
        assertThat(kamelets).extracting(Kamelet::type).containsExactly(KameletType.SOURCE, KameletType.ACTION,
                KameletType.SINK);
        Kamelet store = kamelets.get(2);
        assertThat(store.properties()).extracting(KameletProperty::name).containsExactly("REDIS_HOST",
                "REDIS_PASSWORD", "KEY_PREFIX");
        KameletProperty password = store.properties().get(1);
        assertThat(password.secret()).isTrue();
        assertThat(password.required()).isTrue();
        assertThat(store.toYaml()).contains("x-descriptors", "'{{REDIS_PASSWORD}}'");
        assertThat(Kamelet.Yaml.dump(store.template())).doesNotContain("{{secret:", "{{env:");
        assertThat(store.dependencies()).contains("mvn:io.unikernal:unikernal-components-redis:"
                + KameletExporter.version());
    }

    @Test
    void exportedKameletsConformAndUseExactlyTheirProperties() {
        for (Kamelet k : export()) {
            assertThat(CrdSchemas.violations(CrdSchemas.kamelet(), k.document())).as(k.name()).isEmpty();
            Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) k.document().get("spec")).get("template");
            Set<String> used = new TreeSet<>(Placeholders.used(template));
            used.removeAll(TemplateBuilder.localBeans(template));
            assertThat(used).as(k.name()).isEqualTo(new TreeSet<>(k.properties().stream().map(KameletProperty::name)
                    .toList()));
        }
    }

    @Test
    void exportedSourceAndActionRunIntoACatalogSink() throws Exception {
        List<Kamelet> kamelets = export();
        String key = "kamelet-export-" + UUID.randomUUID();
        try (KameletRunner runner = new KameletRunner(); Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            for (Kamelet k : kamelets.subList(0, 2)) {
                runner.loadKamelet(k);
            }
            runner.load(KameletRunner.route("kamelet:orders-tick-orders", "kamelet:orders-price",
                    "kamelet:unikernal-transform-action?field=id&expression='" + key + "'",
                    "kamelet:unikernal-redis-sink"));
            await().atMost(Duration.ofSeconds(20)).until(() -> jedis.get(key) != null);
            assertThat(jedis.get(key)).contains("\"total\":42");
            jedis.del(key);
        }
    }
}
