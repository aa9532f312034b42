package io.unikernal.adapter.redis;

import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.KeyStorePeer;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The adapter contract suite for redis: keys on the machine's Redis (each case in namespaces or under a key prefix of
 * its own, deleted afterwards), and on a private Redis for the restart and start-up cases.
 */
class RedisContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "redis";
            }

            @Override
            public KeyStorePeer keyStore(Path workDir) {
                return new Keys(null);
            }

            @Override
            public KeyStorePeer privateKeyStore(Path workDir) {
                return new Keys(PrivateRedis.launch());
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new Values(null);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new Values(PrivateRedis.launch());
            }

            /** A user the machine's Redis does not know, with a password given as a secret. */
            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return RedisPeers.misconfigured("redis", "", "keyField: id");
            }
        };
    }

    /** Repositories over one pooled connection, as the adapter's beans build them. */
    private static final class Keys extends RedisPeers implements KeyStorePeer {
        Keys(PrivateRedis owned) {
            super(owned);
        }

        @Override
        public String system() {
            return "{adapter: redis, " + portOption() + "}";
        }

        @Override
        public ProcessedKeysRepository repository(String namespace) {
            RedisIdempotentRepository repository = new RedisIdempotentRepository();
            repository.setConnection(connection);
            repository.setNamespace(namespace);
            repository.start();
            return repository;
        }

        @Override
        void cleanUp() {
            // each case clears its namespaces through the repository
        }
    }

    /** Each message a string key under the case's own prefix, the body as JSON: what the peer received. */
    private static final class Values extends RedisPeers implements TargetPeer {
        private final String prefix = name + ":";

        Values(PrivateRedis owned) {
            super(owned);
        }

        @Override
        public String system() {
            return "{adapter: redis, " + portOption() + "}";
        }

        @Override
        public String use() {
            return "keyField: id, keyPrefix: \"" + prefix + "\"";
        }

        @Override
        public List<Received> received() {
            List<Received> received = new ArrayList<>();
            for (String key : keys()) {
                String value = call(client -> client.get(key));
                if (value != null) {
                    received.add(Received.body(json(value)));
                }
            }
            return received;
        }

        private List<String> keys() {
            List<String> keys = new ArrayList<>();
            ScanParams match = new ScanParams().match(RedisIdempotentRepository.globEscape(prefix) + "*").count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                String from = cursor;
                ScanResult<String> page = call(client -> client.scan(from, match));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return keys;
        }

        @Override
        void cleanUp() {
            List<String> keys = keys();
            if (!keys.isEmpty()) {
                call(client -> client.del(keys.toArray(String[]::new)));
            }
        }
    }
}
