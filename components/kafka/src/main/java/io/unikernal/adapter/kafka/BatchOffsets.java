package io.unikernal.adapter.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one batch of records of a kafka source consumed with {@code batching=true} (one exchange whose body
 * is the records' exchanges): the records marked {@link #done(Exchange)} — in order, per partition — are committed by
 * {@link #commit()}, synchronously on the consumer's thread, up to the last done record of each partition. A record
 * not marked done is never committed past, so what follows it in its partition is consumed again after a restart.
 */
public final class BatchOffsets {

    private final Map<TopicPartition, KafkaManualCommit> last = new LinkedHashMap<>();

    /** The record is finished (delivered or dead-lettered): its partition may be committed past it. */
    public void done(Exchange record) {
        KafkaManualCommit commit = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("a batched record without its manual commit: the source must run with"
                    + " allowManualCommit=true");
        }
        last.put(partition(commit), commit);
    }

    /** Commits each partition past its last done record; nothing when no record is done. */
    public void commit() {
        for (KafkaManualCommit commit : last.values()) {
            commit.commit();
        }
        last.clear();
    }

    private static TopicPartition partition(KafkaManualCommit commit) {
        if (commit instanceof DefaultKafkaManualCommit known) {
            return known.getPartition();
        }
        throw new IllegalStateException("a manual commit of an unknown kind: " + commit.getClass().getName());
    }
}
