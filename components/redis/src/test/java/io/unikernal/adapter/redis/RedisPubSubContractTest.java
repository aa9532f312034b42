package io.unikernal.adapter.redis;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The adapter contract suite for redis-pubsub: a channel of its own per case on the machine's Redis, and on a private
 * Redis for the restart and start-up cases. Pub/sub keeps nothing for a subscriber that is away, so the peers do what
 * a careful real sender and subscriber do: the sender publishes again while no subscriber received the message
 * (PUBLISH says how many did), and the target is used with {@code requireSubscriber: true}, so a publish while the
 * peer re-subscribes after a restart fails and is retried by the route instead of reaching nobody.
 */
class RedisPubSubContractTest extends AdapterContract {

    /** Ample for a subscriber to come back after a server restart; a bound against hangs. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return RedisPubSubAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new Publisher(null);
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return new Publisher(PrivateRedis.launch());
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new Subscriber(null);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new Subscriber(PrivateRedis.launch());
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return RedisPeers.misconfigured("redis-pubsub", ", channel: uk-never-used", null);
            }
        };
    }

    private abstract static class Channel extends RedisPeers {
        Channel(PrivateRedis owned) {
            super(owned);
        }

        public String system() {
            return "{adapter: redis-pubsub, " + portOption() + ", channel: " + name + "}";
        }

        @Override
        void cleanUp() {
            // a channel holds nothing
        }
    }

    /** Publishes until a subscriber received the message (0 receivers: nobody did, so it is not a duplicate). */
    private static final class Publisher extends Channel implements SourcePeer {
        Publisher(PrivateRedis owned) {
            super(owned);
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) {
            Awaitility.await("a subscriber of " + name).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .ignoreExceptionsInstanceOf(JedisException.class)
                    .until(() -> connection.client().publish(name, message.json()) > 0);
            return null;
        }
    }

    /** A subscriber of the channel in the test, subscribing again whenever its connection is lost. */
    private static final class Subscriber extends Channel implements TargetPeer {
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Listener listener;

        Subscriber(PrivateRedis owned) {
            super(owned);
            thread = new Thread(this::subscribeWhileRunning, "pubsub-peer-" + name);
            thread.setDaemon(true);
            thread.start();
            awaitSubscribed();
        }

        @Override
        public String use() {
            return "requireSubscriber: true";
        }

        /** After a start with the server down: the message of the case is published once the peer listens again. */
        @Override
        public void started(CamelContext app) {
            awaitSubscribed();
        }

        private void awaitSubscribed() {
            Awaitility.await("the peer subscribed to " + name).atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                    .until(() -> listener != null && listener.isSubscribed());
        }

        private void subscribeWhileRunning() {
            while (running) {
                Listener current = new Listener();
                listener = current;
                try {
                    connection.client().subscribe(current, name);
                } catch (JedisException lost) {
                    // the server went away: subscribe again once it answers (or the peer is closed)
                    Awaitility.await("the server of " + name + " back").atMost(Duration.ofMinutes(5))
                            .pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(JedisException.class)
                            .until(() -> !running || "PONG".equals(connection.client().ping()));
                }
            }
        }

        @Override
        public List<Received> received() {
            return List.copyOf(received);
        }

        @Override
        void cleanUp() {
            running = false;
            Listener current = listener;
            if (current != null && current.isSubscribed()) {
                current.unsubscribe();
            }
        }

        private final class Listener extends JedisPubSub {
            @Override
            public void onMessage(String channel, String message) {
                received.add(Received.body(body(message)));
            }
        }
    }
}
