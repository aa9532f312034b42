package io.unikernal.adapter.s3;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import io.unikernal.testkit.contract.SystemPeer;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.PrivateS3;
import io.unikernal.testkit.server.RestartableServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Buckets of S3Proxy as the contract suite's peers: each peer has a bucket of its own (a unique name), made when it
 * opens and emptied and deleted when it closes; a peer on a private store owns it and closes it. The source peer puts
 * objects under {@code inbox/} as a real producer would (JSON, the correlation id as user metadata); the target peer
 * reads every object of its bucket and decodes it.
 */
final class S3Peers {

    private S3Peers() {
    }

    /** Decodes an object as the contract suite reads it: the JSON content, the envelope from its user metadata. */
    static Received decode(ResponseBytes<GetObjectResponse> object) {
        Map<String, String> metadata = new LinkedHashMap<>(object.response().metadata());
        Object body;
        try {
            body = StrictJson.read(object.asUtf8String(), Object.class);
        } catch (RuntimeException notJson) {
            body = object.asUtf8String();
        }
        return new Received(body, metadata.get(S3Headers.CORRELATION_ID), metadata.get(S3Headers.SCHEMA),
                metadata.get(S3Headers.SCHEMA_VERSION), metadata);
    }

    /** What both peers share: the store, the bucket, the system's declaration, the clean-up. */
    abstract static class Bucket implements SystemPeer {
        final PrivateS3 store;
        final String bucket;
        final S3System client;
        private final boolean owned;

        Bucket(PrivateS3 store, boolean owned, String what) {
            this.store = store;
            this.owned = owned;
            this.bucket = S3Stores.uniqueBucket(what);
            this.client = S3Stores.client(store, bucket);
            S3Stores.createBucket(client.client(), bucket);
        }

        @Override
        public String system() {
            return S3Stores.system(store, bucket, null);
        }

        @Override
        public Optional<RestartableServer> server() {
            return owned ? Optional.of(store) : Optional.empty();
        }

        @Override
        public void close() {
            try {
                if (owned) {
                    store.close();
                } else {
                    S3Stores.dropBucket(client.client(), bucket);
                }
            } finally {
                client.close();
            }
        }
    }

    /** Puts objects under the prefix the source reads. */
    static final class Source extends Bucket implements SourcePeer {
        static final String PREFIX = "inbox/";

        Source(PrivateS3 store, boolean owned) {
            super(store, owned, "source");
        }

        @Override
        public String use() {
            return "prefix: " + PREFIX + ", pollInterval: 100ms";
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) {
            S3Stores.put(client.client(), bucket, PREFIX + message.id() + ".json", message.json(),
                    Map.of(S3Headers.CORRELATION_ID, message.correlationId()));
            return null;
        }
    }

    /** Reads what the target wrote to the bucket. */
    static final class Target extends Bucket implements TargetPeer {
        private final Map<String, Received> read = new LinkedHashMap<>();

        Target(PrivateS3 store, boolean owned) {
            super(store, owned, "target");
        }

        @Override
        public synchronized List<Received> received() {
            for (String key : S3Stores.keys(client.client(), bucket)) {
                // objects of this peer are written once: each is read once
                if (!read.containsKey(key)) {
                    try {
                        read.put(key, decode(client.client().getObjectAsBytes(GetObjectRequest.builder()
                                .bucket(bucket).key(key).build())));
                    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException notYet) {
                        // listed while its write was still going on (S3Proxy's file store, seen in CI): next time
                    }
                }
            }
            return new ArrayList<>(read.values());
        }
    }
}
