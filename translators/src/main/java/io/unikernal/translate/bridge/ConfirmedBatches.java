package io.unikernal.translate.bridge;

import io.unikernal.adapter.kafka.BatchOffsets;
import io.unikernal.adapter.rabbitmq.DeferredConfirms;
import io.unikernal.adapter.rabbitmq.PublishScope;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka → RabbitMQ bridge's batches: the records of one batch (camel-kafka's {@code batching}: a poll's records
 * as one exchange) each go through the bridge's record route ({@code records}, the route that carries, normalizes,
 * publishes and dead-letters one record, as written under {@code routes:}), published on one channel
 * ({@link PublishScope}, so RabbitMQ keeps their order) with their confirms awaited once for the whole batch
 * ({@link DeferredConfirms}); then the offsets are committed ({@link BatchOffsets}).
 *
 * <p>At least once, as one record at a time: no offset is committed past a record before RabbitMQ confirmed its
 * publish (or its dead letter's). When a publish of the batch was not taken — nacked, returned as unroutable, not
 * confirmed in time — that record and every one after it are published again, one at a time, each waiting for its
 * own confirm with the route's retry and dead letter, exactly as without batching: so a partition's order holds (the
 * records after it come again after it; duplicates are possible, as on any redelivery), and the commit waits for
 * them. A record the route did not handle at all (its route stopped, its dead letter failing) is tried again every
 * second while the app runs; it and what follows it stay uncommitted, so a restart consumes them again.
 */
public final class ConfirmedBatches implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedBatches.class);
    private static final long UNHANDLED_PAUSE_MILLIS = 1000;

    private final PublishScope scope = new PublishScope();
    private String records;
    private String route;

    /** The endpoint of the bridge's record route. */
    public void setRecords(String records) {
        this.records = records;
    }

    /** The record route's id: each record is that route's exchange, as without batches (metrics, dead letters). */
    public void setRoute(String route) {
        this.route = route;
    }

    @Override
    public void process(Exchange batch) throws Exception {
        @SuppressWarnings("unchecked")
        List<Exchange> polled = batch.getMessage().getBody(List.class);
        if (polled == null || polled.isEmpty()) {
            return;
        }
        // a direct: producer per batch: nothing to hold between batches, and it is stopped with the batch
        Producer producer = batch.getContext().getEndpoint(records).createProducer();
        ServiceHelper.startService(producer);
        try {
            publish(batch, polled, producer);
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    private void publish(Exchange batch, List<Exchange> polled, Producer producer) throws Exception {
        CamelContext context = batch.getContext();
        Pass pass = new Pass(0, false, -1);
        try (DeferredConfirms confirms = DeferredConfirms.open(scope)) {
            while (pass.next() < polled.size() && !pass.stopped() && pass.unconfirmed() < 0) {
                int from = pass.next();
                try {
                    pass = scope.run(() -> pass(producer, polled, from, confirms));
                } catch (Exception e) { // no channel for the scope (the broker away): one at a time from here
                    LOG.debug("a batch's channel could not be had ({}); its records go one at a time", e.toString());
                    break;
                }
            }
            if (pass.unconfirmed() >= 0) {
                LOG.debug("record {} of a batch of {} was not taken by RabbitMQ ({}): it and the ones after it are"
                        + " published again, one at a time", pass.unconfirmed(), polled.size(), confirms.firstReason());
            }
        }
        int from = pass.unconfirmed() >= 0 ? pass.unconfirmed() : pass.next();
        if (from < polled.size()) {
            commit(polled, from); // what RabbitMQ took before the first record it did not
        }
        for (int i = from; i < polled.size(); i++) {
            while (!handled(producer, polled.get(i))) {
                if (!context.isStarted() || batch.getFromRouteId() != null && !context.getRouteController()
                        .getRouteStatus(batch.getFromRouteId()).isStarted()) {
                    commit(polled, i);
                    throw new IllegalStateException("the bridge stopped before record " + i + " of its batch was"
                            + " handled: it and the ones after it are consumed again after a restart");
                }
                Thread.sleep(UNHANDLED_PAUSE_MILLIS);
            }
        }
        commit(polled, polled.size());
    }

    /** Where a pass over the batch ended: the next record, whether one was not handled, the first not confirmed. */
    private record Pass(int next, boolean stopped, int unconfirmed) {
    }

    /**
     * Records from {@code from} on, their publishes deferred while the scope holds the publisher's channel, and their
     * confirms awaited in it. Before the scope knows its publisher (the bridge's first record) the records go one by
     * one, each awaiting its own confirm, until one teaches it; the caller then runs the rest in the scope.
     */
    private Pass pass(Producer producer, List<Exchange> polled, int from, DeferredConfirms confirms) throws Exception {
        boolean scoped = scope.known();
        int i = from;
        boolean stopped = false;
        for (; i < polled.size(); i++) {
            confirms.tag(i);
            if (!handled(producer, polled.get(i))) {
                stopped = true;
                break;
            }
            if (!scoped && scope.known()) {
                i++;
                break;
            }
        }
        return new Pass(i, stopped, confirms.firstUnconfirmed());
    }

    /** Runs one record through the record route, on a copy (a record may have to go again, as it was consumed). */
    private boolean handled(Producer producer, Exchange record) throws Exception {
        Exchange attempt = record.copy();
        attempt.getExchangeExtension().setFromRouteId(route);
        producer.process(attempt);
        if (attempt.getException() != null) {
            LOG.warn("the bridge's record route did not handle a record ({}); it is tried again",
                    attempt.getException().getClass().getSimpleName());
            return false;
        }
        return true;
    }

    private static void commit(List<Exchange> polled, int finished) {
        BatchOffsets offsets = new BatchOffsets();
        for (int i = 0; i < finished; i++) {
            offsets.done(polled.get(i));
        }
        offsets.commit();
    }
}
