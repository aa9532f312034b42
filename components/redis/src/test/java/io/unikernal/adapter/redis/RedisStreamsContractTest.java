package io.unikernal.adapter.redis;

import io.unikernal.runtime.JsonBodyNormalizer;
import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateRedis;
import io.unikernal.udm.UdmHeaders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The adapter contract suite for redis-streams: a stream of its own per case on the machine's Redis (deleted after
 * it), and on a private Redis for the restart and start-up cases. The source reads with a short {@code block} so the
 * many stops of the suite do not each wait a second.
 */
class RedisStreamsContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return RedisStreamsAdapter.NAME;
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new Writer(null);
            }

            @Override
            public SourcePeer privateSourcePeer(Path workDir) {
                return new Writer(PrivateRedis.launch());
            }

            @Override
            public TargetPeer targetPeer(Path workDir) {
                return new Reader(null);
            }

            @Override
            public TargetPeer privateTargetPeer(Path workDir) {
                return new Reader(PrivateRedis.launch());
            }

            @Override
            public MisconfiguredPeer misconfigured(Path workDir) {
                return RedisPeers.misconfigured("redis-streams", ", stream: uk-never-written", null);
            }
        };
    }

    /** The case's stream: a system declaration for it, and its deletion afterwards. */
    private abstract static class Stream extends RedisPeers {
        Stream(PrivateRedis owned) {
            super(owned);
        }

        public String system() {
            return "{adapter: redis-streams, " + portOption() + ", stream: " + name + "}";
        }

        @Override
        void cleanUp() {
            call(client -> client.del(name));
        }
    }

    /** Feeds the source as a producer would: XADD with the payload and the correlation id. */
    private static final class Writer extends Stream implements SourcePeer {
        Writer(PrivateRedis owned) {
            super(owned);
        }

        @Override
        public String use() {
            return "block: 200ms";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("payload", message.json());
            fields.put(JsonBodyNormalizer.CORRELATION_HEADER, message.correlationId());
            call(client -> client.xadd(name, XAddParams.xAddParams().id(StreamEntryID.NEW_ENTRY), fields));
            return null;
        }
    }

    /** What the target appended: every entry, its payload as the body and its other fields as headers. */
    private static final class Reader extends Stream implements TargetPeer {
        Reader(PrivateRedis owned) {
            super(owned);
        }

        @Override
        public List<Received> received() {
            List<StreamEntry> entries = call(client -> client.xrange(name, (StreamEntryID) null, (StreamEntryID) null));
            return entries.stream().map(entry -> {
                Map<String, String> fields = new LinkedHashMap<>(entry.getFields());
                String payload = fields.remove("payload");
                return new Received(payload == null ? null : body(payload),
                        fields.get(JsonBodyNormalizer.CORRELATION_HEADER), fields.get(UdmHeaders.SCHEMA),
                        fields.get(UdmHeaders.SCHEMA_VERSION), fields);
            }).toList();
        }
    }
}
