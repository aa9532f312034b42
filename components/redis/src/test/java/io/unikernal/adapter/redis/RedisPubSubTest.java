package io.unikernal.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.adapter.redis.pubsub.RedisPubSubConstants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Pub/sub beyond the contract, on the machine's Redis with channels of the run's own: a pattern subscription gets
 * every matching channel with the channel it came on as a header; a publish nobody receives succeeds by default and
 * is dead-lettered with {@code requireSubscriber}.
 */
class RedisPubSubTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void aPatternSubscriptionGetsEveryMatchingChannelNamingIt() throws Exception {
        String prefix = TestApp.unique("uk-prices");
        String app = TestApp.unique("ticker");
        try (RedisConnection redis = new RedisConnection();
                TestApp running = TestApp.start(app, """
                        systems:
                          prices: {adapter: redis-pubsub, channel: "%s.*"}
                          seen: {adapter: contract-probe}
                        routes:
                          - name: watch
                            from: {system: prices, pattern: true}
                            steps:
                              - to: seen
                        """.formatted(prefix), workDir)) {
            redis.start();
            for (String channel : new String[] {prefix + ".eur", prefix + ".usd"}) {
                Awaitility.await("a subscriber of " + channel).atMost(PATIENCE)
                        .ignoreExceptionsInstanceOf(JedisException.class)
                        .until(() -> redis.client().publish(channel, "{\"id\":\"" + channel + "\"}") > 0);
            }
            redis.client().publish(prefix + "-other", "{\"id\":\"not matched\"}");
            Awaitility.await("both messages").atMost(PATIENCE).until(() -> running.seen("seen").size() >= 2);
            assertThat(running.seen("seen")).extracting(r -> r.headers().get(RedisPubSubConstants.CHANNEL))
                    .containsExactly(prefix + ".eur", prefix + ".usd");
            assertThat(running.ids("seen")).containsExactly(prefix + ".eur", prefix + ".usd");
        }
    }

    @Test
    void aPublishNobodyReceivesIsDeadLetteredOnlyWithRequireSubscriber() throws Exception {
        String channel = TestApp.unique("uk-alerts");
        String app = TestApp.unique("alerts");
        try (TestApp running = TestApp.start(app, """
                systems:
                  feed: {adapter: contract-probe}
                  alerts: {adapter: redis-pubsub, channel: %s}
                  parked: {adapter: contract-probe}
                  seen: {adapter: contract-probe}
                routes:
                  - name: alert
                    from: feed
                    steps:
                      - choose:
                          - when: "n == 1"
                            to: alerts
                          - otherwise:
                              - to: {system: alerts, requireSubscriber: true}
                      - to: seen
                    deadLetter: parked
                """.formatted(channel), workDir)) {
            running.feed(Map.of("id", "a-1", "n", 1), "corr-1");
            running.feed(Map.of("id", "a-2", "n", 2), "corr-2");
            Awaitility.await("both messages through").atMost(PATIENCE)
                    .until(() -> running.seen("seen").size() + running.seen("parked").size() == 2);
            assertThat(running.ids("seen")).as("published to nobody, as pub/sub does").containsExactly("a-1");
            assertThat(running.ids("parked")).as("requireSubscriber: nobody received it").containsExactly("a-2");
            assertThat(String.valueOf(((Map<?, ?>) running.seen("parked").get(0).body()).get("reason")))
                    .contains("no subscriber received the message on redis channel " + channel);
        }
    }
}
