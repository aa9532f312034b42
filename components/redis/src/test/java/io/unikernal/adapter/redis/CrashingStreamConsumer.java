package io.unikernal.adapter.redis;

import io.unikernal.adapter.redis.streams.RedisStreamsConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The child JVM of {@link RedisStreamsReclaimTest}: a Camel route on the redis-streams component that finishes the
 * first {@code finish} entries (so they are acknowledged) and then holds the next one in its route for ever, with the
 * rest of its batch delivered to it but unprocessed — until the test kills the process with SIGKILL. Each step is a
 * line in the {@code log} file: {@code done <id>} once an entry's route ended, {@code holding <id>} when it stops.
 * Arguments: port stream group consumer finish log.
 */
public final class CrashingStreamConsumer {

    private CrashingStreamConsumer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String stream = args[1];
        String group = args[2];
        String consumer = args[3];
        int finish = Integer.parseInt(args[4]);
        Path journal = Path.of(args[5]);
        RedisConnection connection = new RedisConnection();
        connection.setPort(port);
        connection.start();
        CountDownLatch never = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("connection", connection);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("redis-streams:" + stream + "?connection=#connection&group=" + group + "&consumerName="
                            + consumer + "&batchSize=10&block=200").process(new Holder(finish, journal, never));
                }
            });
            context.start();
            never.await();
        }
    }

    private static final class Holder implements Processor {
        private final int finish;
        private final Path log;
        private final CountDownLatch never;
        private final AtomicInteger done = new AtomicInteger();

        Holder(int finish, Path log, CountDownLatch never) {
            this.finish = finish;
            this.log = log;
            this.never = never;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            String id = TestApp.id(exchange.getMessage().getBody(String.class));
            if (done.get() >= finish) {
                line("holding " + id + " " + exchange.getMessage().getHeader(RedisStreamsConstants.ENTRY_ID));
                never.await();
            }
            done.incrementAndGet();
            // written before the route ends: the test kills only after a holding line, by when this one is acked
            line("done " + id);
        }

        private void line(String text) throws IOException {
            Files.writeString(log, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        }
    }
}
