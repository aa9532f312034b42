package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
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

/** What the redis adapter declares and checks, and the beans it contributes (no server needed). */
class RedisAdapterTest {

    private static final Adapters ADAPTERS = Adapters.installed();

    private static List<String> problems(String systems) {
        return new UdlParser(ADAPTERS).parse("app.udl", "udl: 8\nname: app\nsystems:\n" + systems).problems().stream()
                .map(UdlError::headline).toList();
    }

    @Test
    void isFoundAsAStoreOfProcessedKeysOnly() {
        RedisAdapter redis = (RedisAdapter) ADAPTERS.get("redis");
        assertThat(redis.keyStore()).isPresent();
        assertThat(redis.source()).isEmpty();
        assertThat(redis.target()).isEmpty();
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
