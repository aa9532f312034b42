package io.unikernal.adapter.nats.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.unikernal.runtime.DeadLetterRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable pull consumer of a JetStream stream. At start it creates the durable consumer (or updates it to the
 * endpoint's settings: explicit acknowledgements, ack wait, delivery limit; from the stream's first message when new)
 * and binds to it; one thread then fetches one message at a time — nothing waits in the client where its ack wait
 * could run out — and hands it to the route.
 *
 * <p>After the route: a message the route finished — delivered, or failed and kept by the route's dead letter — is
 * acknowledged. A message it did not finish (the exchange failed: the app stopped in the middle of its retries; or,
 * with {@code redeliverUnkept}, its dead-letter system failed too) is handed back (nak) to be delivered again after
 * {@code redeliveryDelay}, doubling, until the server has delivered it {@code maxDeliver} times; after the last one it
 * stays in the stream, undelivered, and an error line says so. While the route works on a message, the server is told
 * it is in progress every half ack wait, so a long retry never makes it deliver the message a second time. An app
 * killed in the middle acknowledges nothing: the server delivers the message again once its ack wait has passed.
 */
public class JetStreamConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JetStreamConsumer.class);

    /** The longest pause between fetches while the server cannot be reached. */
    private static final long MAX_PAUSE_MILLIS = 2_000;

    private final JetStreamEndpoint endpoint;
    private volatile boolean running;
    private volatile boolean consumerMissing;
    private JetStreamSubscription subscription;
    private ExecutorService fetcher;
    private ScheduledExecutorService progress;

    public JetStreamConsumer(JetStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public JetStreamEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ensureConsumer();
        subscription = connection().jetStream().subscribe(null,
                PullSubscribeOptions.bind(endpoint.getStream(), endpoint.getDurable()));
        running = true;
        String name = "NatsJetStream[" + endpoint.getStream() + "/" + endpoint.getDurable() + "]";
        progress = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, name + "-progress");
        fetcher = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, name);
        fetcher.submit(this::fetchLoop);
    }

    /** Stops fetching; a message in the route is finished and settled by the fetch thread, which then ends. */
    @Override
    protected void doStop() throws Exception {
        running = false;
        if (fetcher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(fetcher);
            fetcher = null;
        }
        if (progress != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(progress);
            progress = null;
        }
        super.doStop();
    }

    private Connection connection() {
        return endpoint.getConnection();
    }

    private void ensureConsumer() throws IOException, JetStreamApiException {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().durable(endpoint.getDurable())
                .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMillis(endpoint.getAckWait()))
                .maxDeliver(endpoint.getMaxDeliver()).deliverPolicy(DeliverPolicy.All);
        if (endpoint.getFilterSubject() != null) {
            config.filterSubject(endpoint.getFilterSubject());
        }
        connection().jetStreamManagement().addOrUpdateConsumer(endpoint.getStream(), config.build());
        consumerMissing = false;
    }

    private void fetchLoop() {
        long pause = 0;
        try {
            while (running && isRunAllowed()) {
                try {
                    if (consumerMissing) {
                        ensureConsumer();
                    }
                    List<Message> fetched = subscription.fetch(1, Duration.ofMillis(endpoint.getPollTimeout()));
                    pause = 0;
                    for (Message message : fetched) {
                        if (running) {
                            handle(message);
                        } else {
                            // fetched as the consumer stopped: back to the server at once, for whoever consumes next
                            message.nak();
                        }
                    }
                } catch (IllegalStateException | IOException e) {
                    // disconnected (publishing the pull request fails at once) or reconnecting: wait and fetch again
                    pause = pause(pause, "cannot fetch from stream " + endpoint.getStream() + ": " + e.getMessage());
                } catch (JetStreamApiException | RuntimeException e) {
                    // the consumer (or stream) went away, e.g. a server that lost its store: make it again
                    consumerMissing = true;
                    pause = pause(pause, "cannot fetch from stream " + endpoint.getStream() + " as "
                            + endpoint.getDurable() + ": " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe();
        }
    }

    /** Waits before the next fetch after a failure: 100 ms, doubling up to 2 s. Logs the first failure of a run. */
    private long pause(long previous, String why) throws InterruptedException {
        if (previous == 0) {
            LOG.debug("{}; fetching again shortly", why);
        }
        long next = previous == 0 ? 100 : Math.min(MAX_PAUSE_MILLIS, previous * 2);
        if (running) {
            Thread.sleep(next);
        }
        return next;
    }

    private void unsubscribe() {
        try {
            if (subscription != null && subscription.isActive()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("unsubscribing from {}: {}", endpoint.getStream(), e.getMessage());
        }
    }

    private void handle(Message message) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(message.getData());
            copyHeaders(message, exchange);
            long every = Math.max(1, endpoint.getAckWait() / 2);
            ScheduledFuture<?> inProgress = progress.scheduleAtFixedRate(() -> signalProgress(message), every, every,
                    TimeUnit.MILLISECONDS);
            try {
                getProcessor().process(exchange);
            } finally {
                inProgress.cancel(false);
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            settle(message, exchange);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("message " + describe(message) + " failed", exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    private static void signalProgress(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException disconnected) {
            // the next signal, or the ack, tries again; at worst the message is delivered again
        }
    }

    private void copyHeaders(Message message, Exchange exchange) {
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        if (message.getHeaders() != null) {
            message.getHeaders().entrySet().forEach(entry -> {
                if (!filter.applyFilterToExternalHeaders(entry.getKey(), entry.getValue(), exchange)) {
                    List<String> values = entry.getValue();
                    exchange.getIn().setHeader(entry.getKey(), values.size() == 1 ? values.get(0) : values);
                }
            });
        }
        NatsJetStreamMetaData meta = message.metaData();
        exchange.getIn().setHeader(JetStreamConstants.SUBJECT, message.getSubject());
        exchange.getIn().setHeader(JetStreamConstants.STREAM, meta.getStream());
        exchange.getIn().setHeader(JetStreamConstants.STREAM_SEQUENCE, meta.streamSequence());
        exchange.getIn().setHeader(JetStreamConstants.DELIVERED_COUNT, meta.deliveredCount());
    }

    /** Acknowledges what the route finished; hands back what it did not. */
    private void settle(Message message, Exchange exchange) {
        boolean unkept = endpoint.isRedeliverUnkept() && exchange.getProperty(DeadLetterRecorder.SUMMARY) != null
                && !exchange.getProperty(DeadLetterRecorder.KEPT, false, Boolean.class);
        try {
            if (exchange.getException() == null && !exchange.isRollbackOnly() && !unkept) {
                message.ack();
                return;
            }
            long delivered = message.metaData().deliveredCount();
            if (delivered >= endpoint.getMaxDeliver()) {
                LOG.error("message {} was not finished in {} deliveries, the most consumer {} makes: it stays in"
                        + " stream {} and is not delivered again", describe(message), delivered,
                        endpoint.getDurable(), endpoint.getStream());
            } else {
                long delay = Math.min(endpoint.getAckWait(),
                        endpoint.getRedeliveryDelay() << Math.min(20, Math.max(0, delivered - 1)));
                LOG.warn("message {} was not finished (delivery {} of {}); it is delivered again in {} ms",
                        describe(message), delivered, endpoint.getMaxDeliver(), delay);
                message.nakWithDelay(delay);
            }
        } catch (RuntimeException e) {
            // the connection is down: the server delivers the message again once its ack wait has passed
            LOG.warn("cannot settle message {} ({}); the server delivers it again after its ack wait",
                    describe(message), e.getMessage());
        }
    }

    private String describe(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        return meta.getStream() + "#" + meta.streamSequence();
    }
}
