package io.unikernal.adapter.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.adapter.redis.RedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The redis-streams component on plain Camel, as any Camel user would use it: found by its scheme, configured by its
 * generated configurer (no reflection), described by its generated JSON; a consumer whose route fails leaves the
 * entry pending and gets it again once it has been idle for reclaimIdle. On the machine's Redis, a stream of the
 * test's own.
 */
class RedisStreamsComponentTest {

    private final String stream = "uk-component-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisConnection connection = new RedisConnection();
    private CamelContext context;

    @BeforeEach
    void start() {
        connection.start();
        context = new DefaultCamelContext();
        context.getRegistry().bind("redis", connection);
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        connection.client().del(stream);
        connection.close();
    }

    @Test
    void theGeneratedConfigurerAndMetadataDescribeTheEndpoint() throws Exception {
        context.start();
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("redis-streams-endpoint", context);
        assertThat(configurer).isInstanceOf(RedisStreamsEndpointConfigurer.class);
        RedisStreamsEndpoint endpoint = context.getEndpoint("redis-streams:" + stream
                + "?connection=#redis&group=g&reclaimIdle=5s&maxLength=10&approximateTrim=false",
                RedisStreamsEndpoint.class);
        assertThat(endpoint.getReclaimIdle()).isEqualTo(5000);
        assertThat(endpoint.getMaxLength()).isEqualTo(10);
        assertThat(endpoint.isApproximateTrim()).isFalse();
        assertThat(endpoint.getConnection()).isSameAs(connection);
        assertThatThrownBy(() -> context.getEndpoint("redis-streams:" + stream + "?connection=#redis&grup=g"))
                .hasMessageContaining("grup");
        String json;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/io/unikernal/adapter/redis/streams/redis-streams.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"scheme\": \"redis-streams\"").contains("\"reclaimIdle\"")
                .contains("CamelRedisStreamsEntryId");
    }

    @Test
    void anEntryWhoseExchangeFailedStaysPendingAndComesAgain() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        List<String> done = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("redis-streams:" + stream + "?connection=#redis&group=g&consumerName=c1&block=100"
                        + "&reclaimIdle=300&reclaimInterval=100").process(exchange -> {
                            if (tries.incrementAndGet() == 1) {
                                throw new IllegalStateException("the first try fails");
                            }
                            done.add(exchange.getMessage().getHeader(RedisStreamsConstants.ENTRY_ID, String.class)
                                    + " " + exchange.getMessage().getBody(String.class) + " "
                                    + exchange.getMessage().getHeader(RedisStreamsConstants.REDELIVERED));
                        });
            }
        });
        context.start();
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            producer.sendBodyAndHeaders("redis-streams:" + stream + "?connection=#redis", "hello",
                    Map.of("kind", "greeting", "CamelSecret", "stays behind"));
        }
        List<StreamEntry> written = connection.client().xrange(stream, (StreamEntryID) null, (StreamEntryID) null);
        assertThat(written).singleElement().satisfies(entry -> assertThat(entry.getFields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("payload", "hello", "kind", "greeting")));
        Awaitility.await("the entry processed on its second delivery").atMost(Duration.ofSeconds(30))
                .until(() -> done.size() == 1);
        assertThat(done.get(0)).isEqualTo(written.get(0).getID() + " hello true");
        Awaitility.await("acknowledged").atMost(Duration.ofSeconds(30))
                .until(() -> connection.client().xpending(stream, "g").getTotal() == 0);
        assertThat(tries).hasValue(2);
    }
}
