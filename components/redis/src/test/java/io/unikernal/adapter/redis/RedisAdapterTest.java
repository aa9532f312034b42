package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.compile.CompileOptions;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;
import org.junit.jupiter.api.Test;

/** What the redis adapters declare and check, and the beans and endpoints they contribute (no server needed). */
class RedisAdapterTest {

    private static final Adapters ADAPTERS = Adapters.installed();

    private static List<String> problems(String systems) {
        return new UdlParser(ADAPTERS).parse("app.udl", "udl: 8\nname: app\nsystems:\n" + systems).problems().stream()
                .map(UdlError::headline).toList();
    }

    @Test
    void isAStoreOfProcessedKeysAndCheckpointsAndATargetButNoSource() {
        RedisAdapter redis = (RedisAdapter) ADAPTERS.get("redis");
        assertThat(redis.keyStore()).isPresent();
        assertThat(redis.checkpointStore()).isPresent();
        assertThat(redis.source()).isEmpty();
        assertThat(redis.target()).hasValueSatisfying(target -> assertThat(target.capabilities())
                .containsExactlyInAnyOrder(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START));
    }

    /** Each role declares what it can promise: a stream keeps what nobody read, a channel does not. */
    @Test
    void streamsAndPubSubDeclareWhatTheyCanPromise() {
        assertThat(ADAPTERS.get("redis-streams").source().orElseThrow().capabilities()).containsExactlyInAnyOrder(
                Capability.REMOTE_SERVER, Capability.DURABLE, Capability.NATIVE_HEADERS, Capability.CHECKED_AT_START);
        assertThat(ADAPTERS.get("redis-streams").target().orElseThrow().capabilities()).containsExactlyInAnyOrder(
                Capability.REMOTE_SERVER, Capability.NATIVE_HEADERS, Capability.CHECKED_AT_START);
        assertThat(ADAPTERS.get("redis-pubsub").source().orElseThrow().capabilities()).containsExactlyInAnyOrder(
                Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
        assertThat(ADAPTERS.get("redis-pubsub").target().orElseThrow().capabilities()).containsExactlyInAnyOrder(
                Capability.REMOTE_SERVER, Capability.CHECKED_AT_START);
    }

    private static List<String> useProblems(String systems, String step) {
        return ProbeApps.problems(ADAPTERS.get("redis"), systems, step).stream().toList();
    }

    @Test
    void aTargetUseSaysWhereItsKeyComesFromOnce() {
        String cache = "  cache: {adapter: redis}\n";
        assertThat(useProblems(cache, "to: cache")).as("the body's id by default").isEmpty();
        assertThat(useProblems(cache, "to: {system: cache, key: id, keyField: id}")).singleElement().asString()
                .contains("[UDL-038]");
        assertThat(useProblems(cache, "to: {system: cache, key: \"'a' +\"}")).singleElement().asString()
                .contains("[UDL-019]");
        assertThat(useProblems(cache, "to: {system: cache, keyField: id, ttl: 0s}")).singleElement().asString()
                .contains("ttl must be longer than 0 [UDL-036]");
        assertThat(useProblems(cache, "to: {system: cache, keyField: id, type: list}")).singleElement().asString()
                .contains("[UDL-007]");
        assertThat(useProblems(cache, "to: {system: cache, key: \"'order:' + id\", type: hash, ttl: 10m}"))
                .isEmpty();
    }

    @Test
    void streamAndChannelDeclarationsAreChecked() {
        assertThat(problems("  s: {adapter: redis-streams}\n")).singleElement().asString().contains("[UDL-005]");
        assertThat(problems("  s: {adapter: redis-streams, stream: \"a?b\"}\n")).singleElement().asString()
                .contains("[UDL-036]");
        assertThat(problems("  c: {adapter: redis-pubsub}\n")).singleElement().asString().contains("[UDL-005]");
        assertThat(ProbeApps.problems(ADAPTERS.get("redis-streams"), "  s: {adapter: redis-streams, stream: o}\n",
                "to: {system: s, trim: exact}")).singleElement().asString()
                .contains("trim has no effect without maxLength [UDL-036]");
    }

    @Test
    void aStreamSourceReadsInTheAppsGroupUnlessItNamesOne() {
        var doc = new UdlParser(ADAPTERS).parse("app.udl", """
                udl: 8
                name: billing
                systems:
                  orders: {adapter: redis-streams, stream: orders, consumer: "${env:POD_NAME}", password: "${secret:R}"}
                  out: {adapter: redis-streams, stream: done}
                routes:
                  - name: take
                    from: {system: orders, reclaimIdle: 30s, batchSize: 50}
                    steps:
                      - to: {system: out, maxLength: 1000}
                """).orThrow();
        CompiledApp app = new UdlCompiler(ADAPTERS).compile(doc, Path.of("."), CompileOptions.DEFAULT);
        String from = app.routes().get(0).getInput().getEndpointUri();
        assertThat(from).startsWith("redis-streams:orders?connection=#bean:system.orders&group=RAW(billing)")
                .contains("consumerName=RAW({{env:POD_NAME}})").contains("reclaimIdle=RAW(30000)")
                .contains("batchSize=RAW(50)").doesNotContain("password");
        assertThat(app.beans()).anySatisfy(bean -> assertThat(bean.getName()).isEqualTo("system.orders.probe"));
    }

    @Test
    void refusesUnusableOptions() {
        assertThat(problems("  cache: {adapter: redis, port: 70000}\n"))
                .containsExactly("app.udl:4:33: 'port' must be between 1 and 65535, not 70000 [UDL-036]");
        assertThat(problems("  cache: {adapter: redis, database: -1}\n"))
                .containsExactly("app.udl:4:37: 'database' must be 0 or more, not -1 [UDL-036]");
        assertThat(problems("  cache: {adapter: redis, keepFor: 0s}\n"))
                .containsExactly("app.udl:4:36: keepFor must be longer than 0 [UDL-036]");
        assertThat(problems("  cache: {adapter: redis, keepFor: a-week}\n")).singleElement().asString()
                .contains("[UDL-008]");
        assertThat(problems("  cache: {adapter: redis, user: app}\n"))
                .containsExactly("app.udl:4:33: user 'app' needs 'password' too [UDL-005]");
        assertThat(problems("  cache: {adapter: redis, password: hunter2}\n")).singleElement().asString()
                .contains("[UDL-033]").doesNotContain("hunter2");
        assertThat(problems("  cache: {adapter: redis, host: 10.0.0.5, port: 6380, database: 2, user: app,"
                + " password: \"${secret:REDIS_PASSWORD}\", keepFor: 7d}\n")).isEmpty();
    }

    @Test
    void contributesAConnectionWhosePasswordStaysAPlaceholder() {
        var doc = new UdlParser(ADAPTERS).parse("app.udl", """
                udl: 8
                name: app
                systems:
                  cache: {adapter: redis, password: "${env:REDIS_PASSWORD}", keepFor: 12h}
                """).orThrow();
        CompiledApp app = new UdlCompiler(ADAPTERS).compile(doc, Path.of("."), CompileOptions.DEFAULT);
        BeanFactoryDefinition<?> cache = app.beans().stream().filter(b -> b.getName().equals("system.cache")).findFirst()
                .orElseThrow();
        assertThat(cache.getType()).isEqualTo(RedisConnection.class.getName());
        assertThat(cache.getProperties()).isEqualTo(Map.of("host", "127.0.0.1", "port", "6379", "database", "0",
                "password", "{{env:REDIS_PASSWORD}}"));
        assertThat(cache.getInitMethod()).isEqualTo("start");
        assertThat(cache.getDestroyMethod()).isEqualTo("close");
    }
}
