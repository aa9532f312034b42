package io.unikernal.adapter.s3;

import io.unikernal.runtime.DeadLetterRecorder;
import io.unikernal.runtime.RootCause;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * What becomes of a consumed object once its route is done with it — decided only then, never when it is read:
 *
 * <ul>
 * <li>the route succeeded: the object is moved to {@code <donePrefix><key>} (copied with its metadata, then deleted),
 * or deleted ({@code afterRead: delete});</li>
 * <li>the route failed — its failure clause ran (its retries were used up, the message went to the dead letter or the
 * error log), or the exchange ended in an exception: the object is moved to {@code <failedPrefix><key>}, its user
 * metadata carrying the reason ({@value S3Headers#FAILURE}) and the time ({@value S3Headers#FAILED_AT}). A failed
 * object is never deleted.</li>
 * </ul>
 *
 * The copy comes before the delete, so a store that goes away in between leaves the object where it was (and in the
 * done or failed prefix): it is read again, at least once, never lost. If the move itself fails the object stays and
 * is read again on a later poll; a WARN line says so.
 */
final class S3Settlement implements Synchronization, Ordered {

    private final S3System client;
    private final String system;
    private final String key;
    private final String contentType;
    private final Map<String, String> metadata;
    private final String donePrefix;
    private final String failedPrefix;

    /** {@code donePrefix} null: delete after success. */
    S3Settlement(S3System client, String system, String key, String contentType, Map<String, String> metadata,
            String donePrefix, String failedPrefix) {
        this.client = client;
        this.system = system;
        this.key = key;
        this.contentType = contentType;
        this.metadata = Map.copyOf(metadata);
        this.donePrefix = donePrefix;
        this.failedPrefix = failedPrefix;
    }

    /** Before Camel's own completions (the consumer's "no longer in progress"), so a later poll sees the move. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST;
    }

    @Override
    public void onComplete(Exchange exchange) {
        String failure = exchange.getProperty(DeadLetterRecorder.SUMMARY, String.class);
        if (failure != null) {
            failed(failure);
        } else if (donePrefix == null) {
            settle("delete", () -> delete());
        } else {
            settle("move to " + donePrefix, () -> {
                client.client().copyObject(copy(donePrefix + key).metadataDirective(MetadataDirective.COPY).build());
                delete();
            });
        }
    }

    @Override
    public void onFailure(Exchange exchange) {
        String failure = exchange.getProperty(DeadLetterRecorder.SUMMARY, String.class);
        if (failure == null) {
            String root = RootCause.message(exchange.getException());
            failure = root == null ? "the route failed" : root;
        }
        failed(failure);
    }

    private void failed(String reason) {
        settle("move to " + failedPrefix, () -> {
            Map<String, String> kept = new LinkedHashMap<>(metadata);
            kept.put(S3Headers.FAILURE, S3Headers.ascii(reason, 1024));
            kept.put(S3Headers.FAILED_AT, Instant.now().toString());
            CopyObjectRequest.Builder request = copy(failedPrefix + key).metadataDirective(MetadataDirective.REPLACE)
                    .metadata(kept);
            if (contentType != null) {
                request.contentType(contentType);
            }
            client.client().copyObject(request.build());
            delete();
        });
    }

    private CopyObjectRequest.Builder copy(String destination) {
        return CopyObjectRequest.builder().sourceBucket(client.getBucket()).sourceKey(key)
                .destinationBucket(client.getBucket()).destinationKey(destination);
    }

    private void delete() {
        client.client().deleteObject(DeleteObjectRequest.builder().bucket(client.getBucket()).key(key).build());
    }

    private void settle(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Logger log = LoggerFactory.getLogger("unikernal.system." + system);
            log.warn("system {} (s3): cannot {} object {} ({}); it stays and is read again", system, what, key,
                    RootCause.message(e));
        }
    }

    @Override
    public String toString() {
        return "settle s3 object " + key;
    }
}
