package io.unikernal.adapter.redis.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.unikernal.spi.component.LoopConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * One member of a consumer group on one thread. In turn it reads: first the entries this consumer name already holds
 * (pending from an earlier run that ended before acknowledging them, {@code XREADGROUP ... 0}); then every
 * {@code reclaimInterval} the entries any member has left pending for longer than {@code reclaimIdle}
 * ({@code XAUTOCLAIM}: a member that was killed loses nothing); otherwise new entries ({@code XREADGROUP ... >}, waiting
 * up to {@code block}). Each entry is one exchange, processed in order; it is acknowledged ({@code XACK}) when the
 * exchange completes — the route finished it or dead-lettered it — and stays pending when the exchange fails, to be
 * taken over again after {@code reclaimIdle}. A server that cannot be reached is read again after a doubling wait
 * (from {@code reconnectDelay} to {@code reconnectDelayMax}), and the consumer then re-reads its own pending entries,
 * since an acknowledgement may have been lost with the connection: the entry whose acknowledgement failed comes again
 * (at-least-once), the rest of its batch was not processed yet (the consumer stops the batch at a lost
 * acknowledgement).
 */
public class RedisStreamsConsumer extends LoopConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamsConsumer.class);
    /** Pages of one reclaim pass at most, so new entries are read in between even with a huge backlog to take over. */
    private static final int RECLAIM_PAGES = 10;
    private static final StreamEntryID FIRST = new StreamEntryID();
    /** Tries of one XACK: more than the pool's idle connections, each of which a server restart leaves stale. */
    private static final int ACK_TRIES = 10;

    private final RedisStreamsEndpoint endpoint;
    private final String consumerName;
    /** Why the last acknowledgement failed; the entries after it in the batch are left for the re-read. */
    private JedisException lostAck;

    public RedisStreamsConsumer(RedisStreamsEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "RedisStreamsConsumer[" + endpoint.getStream() + "]", endpoint.getReconnectDelay(),
                endpoint.getReconnectDelayMax());
        this.endpoint = endpoint;
        this.consumerName = endpoint.effectiveConsumerName();
    }

    /** This consumer's name in its group. */
    public String getConsumerName() {
        return consumerName;
    }

    /** A read waits at most block: the thread ends within it and the entry in hand. */
    @Override
    protected long stopWithin() {
        return endpoint.getBlock() + 10_000;
    }

    @Override
    protected void consume() {
        boolean groupReady = false;
        StreamEntryID own = FIRST;
        long nextReclaim = 0;
        int failures = 0;
        while (running()) {
            try {
                UnifiedJedis client = endpoint.getConnection().client();
                if (!groupReady) {
                    ensureGroup(client);
                    groupReady = true;
                }
                if (own != null) {
                    List<StreamEntry> pending = read(client, own, false);
                    own = pending.isEmpty() ? null : pending.get(pending.size() - 1).getID();
                    processAll(client, pending, true);
                } else if (System.nanoTime() - nextReclaim >= 0) {
                    reclaim(client);
                    nextReclaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.getReclaimInterval());
                } else {
                    processAll(client, read(client, StreamEntryID.UNRECEIVED_ENTRY, true), false);
                }
                if (failures > 0) {
                    LOG.info("redis stream {}: reading again as {} of group {}", endpoint.getStream(), consumerName,
                            endpoint.getGroup());
                    failures = 0;
                }
            } catch (JedisException e) {
                if (e instanceof JedisDataException && upper(e).startsWith("NOGROUP")) {
                    groupReady = false; // the stream or group went away (deleted, or a server without its data)
                }
                own = FIRST;
                if (failures++ == 0) {
                    LOG.warn("redis stream {}: cannot read ({}); trying again, pending entries stay pending",
                            endpoint.getStream(), e.getMessage());
                }
                pause(delay(failures));
            } catch (RuntimeException e) {
                getExceptionHandler().handleException("redis stream " + endpoint.getStream() + ": consumer failed", e);
                own = FIRST;
                failures++;
                pause(delay(failures));
            }
        }
    }

    private void ensureGroup(UnifiedJedis client) {
        if (!endpoint.isCreateGroup()) {
            return;
        }
        StreamEntryID start = "end".equals(endpoint.getGroupStart()) ? StreamEntryID.XGROUP_LAST_ENTRY : FIRST;
        try {
            client.xgroupCreate(endpoint.getStream(), endpoint.getGroup(), start, true);
            LOG.debug("redis stream {}: created group {}", endpoint.getStream(), endpoint.getGroup());
        } catch (JedisDataException e) {
            if (!upper(e).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private List<StreamEntry> read(UnifiedJedis client, StreamEntryID from, boolean waitForNew) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(endpoint.getBatchSize());
        if (waitForNew) {
            params.block((int) Math.min(Integer.MAX_VALUE, endpoint.getBlock()));
        }
        List<Map.Entry<String, List<StreamEntry>>> answer = client.xreadGroup(endpoint.getGroup(), consumerName,
                params, Map.of(endpoint.getStream(), from));
        List<StreamEntry> entries = new ArrayList<>();
        if (answer != null) {
            for (Map.Entry<String, List<StreamEntry>> stream : answer) {
                if (stream.getValue() != null) {
                    entries.addAll(stream.getValue());
                }
            }
        }
        return entries;
    }

    /** Takes over what other members (or this one, for an entry whose exchange failed) left pending too long. */
    private void reclaim(UnifiedJedis client) {
        StreamEntryID cursor = FIRST;
        for (int page = 0; page < RECLAIM_PAGES && running(); page++) {
            Map.Entry<StreamEntryID, List<StreamEntry>> claimed = client.xautoclaim(endpoint.getStream(),
                    endpoint.getGroup(), consumerName, endpoint.getReclaimIdle(), cursor,
                    XAutoClaimParams.xAutoClaimParams().count(endpoint.getBatchSize()));
            if (!claimed.getValue().isEmpty()) {
                LOG.info("redis stream {}: {} took over {} pending entries", endpoint.getStream(), consumerName,
                        claimed.getValue().size());
            }
            processAll(client, claimed.getValue(), true);
            cursor = claimed.getKey();
            if (cursor == null || FIRST.equals(cursor)) {
                return;
            }
        }
    }

    private void processAll(UnifiedJedis client, List<StreamEntry> entries, boolean redelivered) {
        Map<StreamEntryID, Long> deliveries = redelivered ? deliveries(client, entries) : Map.of();
        for (StreamEntry entry : entries) {
            if (!running()) {
                return; // the rest stay pending: this consumer reads them first when it starts again
            }
            if (entry == null) {
                continue;
            }
            if (entry.getFields() == null) {
                // pending, but trimmed from the stream meanwhile: nothing left to process
                LOG.warn("redis stream {}: entry {} was deleted before it was processed; acknowledging it",
                        endpoint.getStream(), entry.getID());
                client.xack(endpoint.getStream(), endpoint.getGroup(), entry.getID());
                continue;
            }
            process(entry, redelivered, deliveries.getOrDefault(entry.getID(), 1L));
            if (lostAck != null) {
                // the server is gone: the rest of the batch would be processed with no way to acknowledge it, and
                // come again after the re-read; stop here, so at most the one entry whose ack was lost comes twice
                JedisException cause = lostAck;
                lostAck = null;
                throw cause;
            }
        }
    }

    /**
     * The delivery counts of entries this consumer holds again (XPENDING over their range): an entry that a consumer
     * never finishes — it kills the process each time — shows a growing count, which a route can refuse.
     */
    private Map<StreamEntryID, Long> deliveries(UnifiedJedis client, List<StreamEntry> entries) {
        List<StreamEntryID> ids = entries.stream().filter(e -> e != null && e.getFields() != null)
                .map(StreamEntry::getID).sorted().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<StreamEntryID, Long> counts = new HashMap<>();
        for (StreamPendingEntry pending : client.xpending(endpoint.getStream(), endpoint.getGroup(),
                XPendingParams.xPendingParams(ids.get(0), ids.get(ids.size() - 1), ids.size())
                        .consumer(consumerName))) {
            counts.put(pending.getID(), pending.getDeliveredTimes());
        }
        return counts;
    }

    private void process(StreamEntry entry, boolean redelivered, long deliveryCount) {
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getIn();
            HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
            String payload = null;
            for (Map.Entry<String, String> field : entry.getFields().entrySet()) {
                if (field.getKey().equals(endpoint.getPayloadField())) {
                    payload = field.getValue();
                } else if (!filter.applyFilterToExternalHeaders(field.getKey(), field.getValue(), exchange)) {
                    message.setHeader(field.getKey(), field.getValue());
                }
            }
            message.setBody(payload);
            message.setHeader(RedisStreamsConstants.STREAM, endpoint.getStream());
            message.setHeader(RedisStreamsConstants.ENTRY_ID, entry.getID().toString());
            message.setHeader(RedisStreamsConstants.GROUP, endpoint.getGroup());
            message.setHeader(RedisStreamsConstants.REDELIVERED, redelivered);
            message.setHeader(RedisStreamsConstants.DELIVERY_COUNT, deliveryCount);
            exchange.getExchangeExtension().addOnCompletion(new Acknowledgement(entry.getID()));
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("redis stream " + endpoint.getStream() + ": entry "
                        + entry.getID() + " failed and stays pending", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    private static String upper(Exception e) {
        return e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
    }

    /** XACK once the exchange is complete; a failed exchange leaves its entry pending. */
    private final class Acknowledgement implements Synchronization {
        private final StreamEntryID id;

        Acknowledgement(StreamEntryID id) {
            this.id = id;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                acknowledge();
            } catch (JedisException e) {
                LOG.warn("redis stream {}: entry {} was processed but its acknowledgement failed ({}); it stays pending"
                        + " and is delivered again", endpoint.getStream(), id, e.getMessage());
                lostAck = e;
            }
        }

        /**
         * XACK, tried again on another pooled connection when one fails to connect: after a server restart each idle
         * connection of the pool fails once, and acknowledging twice is harmless.
         */
        private void acknowledge() {
            for (int attempt = 1;; attempt++) {
                try {
                    endpoint.getConnection().client().xack(endpoint.getStream(), endpoint.getGroup(), id);
                    return;
                } catch (JedisConnectionException e) {
                    if (attempt >= ACK_TRIES) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            LOG.debug("redis stream {}: entry {} failed; it stays pending", endpoint.getStream(), id);
        }
    }
}
