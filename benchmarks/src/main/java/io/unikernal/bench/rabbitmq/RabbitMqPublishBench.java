package io.unikernal.bench.rabbitmq;

import static io.unikernal.bench.support.BenchSupport.measure;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.unikernal.bench.support.BenchSupport;
import io.unikernal.bench.support.BenchSupport.Measured;
import io.unikernal.runtime.UdlRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;

/**
 * Confirmed publishes to the machine's RabbitMQ (127.0.0.1:5672, guest/guest), 1 KiB JSON, persistent, mandatory,
 * each counted only once the broker confirmed it, with the same number of publishes outstanding on both sides:
 *
 * <ul>
 *   <li><b>raw</b>: one amqp-client channel in confirm mode, {@code basicPublish} (default exchange, routing key the
 *       queue, mandatory, delivery mode 2) as long as fewer than {@code OUTSTANDING} are unconfirmed, the confirms
 *       taken asynchronously by a ConfirmListener (multiple acks release many at once);
 *   <li><b>udl</b>: {@code from: direct} → {@code to: {system: mq, exchange: default, queue: Q}}, compiled by the
 *       unmodified compiler; {@code OUTSTANDING} threads each send the JSON text into the direct endpoint in turn, so
 *       {@code OUTSTANDING} route calls run at once, each publishing (confirms, mandatory, persistent, as the adapter
 *       does) and waiting for its own confirm before it returns.
 * </ul>
 *
 * A queue unique to the run and the side is declared durable, and deleted after the run. {@code RabbitMqPublishBench
 * MESSAGES ROUNDS OUTSTANDING}; A and B alternate. The latency is each message's publish → confirm (raw) or route call
 * (udl, which returns only once confirmed) at full load. Timed: the publishing alone, from the first publish to the
 * last confirm (not opening the connection or starting the app); the CPU time is the whole bench JVM's in that time.
 */
public final class RabbitMqPublishBench {

    /** The message: 1 KiB of JSON. */
    public static final String BODY = body();

    private RabbitMqPublishBench() {
    }

    private static String body() {
        String head = "{\"id\": \"m-000000\", \"customer\": \"c-00\", \"amount\": 12.5, \"pad\": \"";
        return head + "x".repeat(1024 - head.length() - 2) + "\"}";
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int outstanding = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println(BenchSupport.host());
        System.out.printf("broker: the machine's RabbitMQ 127.0.0.1:5672 (its own process); %d messages of %d bytes a"
                + " run, %d outstanding confirms, %d rounds, queues bench-<side>-%s-<round>%n", messages,
                BODY.getBytes(StandardCharsets.UTF_8).length, outstanding, rounds, run);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        List<Measured> raw = new ArrayList<>();
        List<Measured> udl = new ArrayList<>();
        List<long[]> rawLatency = new ArrayList<>();
        List<long[]> udlLatency = new ArrayList<>();
        try (Connection admin = factory.newConnection("bench-admin"); Channel channel = admin.createChannel()) {
            // warm-up of both (not counted): the JIT, the connections, the queues' first pages
            String warm = "bench-warm-" + run;
            declare(channel, warm);
            rawRun(factory, warm, Math.min(messages, 5_000), outstanding);
            udlRun(warm, Math.min(messages, 5_000), outstanding);
            channel.queueDelete(warm);
            for (int round = 1; round <= rounds; round++) {
                String rq = "bench-raw-" + run + "-" + round;
                String uq = "bench-udl-" + run + "-" + round;
                declare(channel, rq);
                declare(channel, uq);
                Timed a = rawRun(factory, rq, messages, outstanding);
                raw.add(report(round, "raw", messages, a.measured()));
                rawLatency.add(a.latency());
                check(channel, rq, messages);
                Timed b = udlRun(uq, messages, outstanding);
                udl.add(report(round, "udl", messages, b.measured()));
                udlLatency.add(b.latency());
                check(channel, uq, messages);
                channel.queueDelete(rq);
                channel.queueDelete(uq);
            }
        }
        summary(raw, udl, rawLatency, udlLatency, messages);
    }

    /** One timed run: the time of the publishing alone (not of opening the connection or starting the app). */
    public record Timed(Measured measured, long[] latency) {
    }

    private static void declare(Channel channel, String queue) throws Exception {
        channel.queueDeclare(queue, true, false, false, null);
    }

    /** Every message confirmed is in the queue: nothing was lost or counted twice. */
    public static void check(Channel channel, String queue, int messages) throws Exception {
        long count = channel.queueDeclarePassive(queue).getMessageCount();
        if (count != messages) {
            throw new IllegalStateException("queue " + queue + " holds " + count + " messages, not " + messages);
        }
    }

    private static Measured report(int round, String side, int messages, Measured m) {
        System.out.printf("round %d %-3s %,9.0f msg/s  %6.1f µs CPU/msg (bench JVM)  %6.2f s%n", round, side,
                m.rate(messages), m.cpuMicrosPer(messages), m.seconds());
        return m;
    }

    /** The baseline: one confirm-mode channel, at most {@code outstanding} unconfirmed publishes, async confirms. */
    public static Timed rawRun(ConnectionFactory factory, String queue, int messages, int outstanding) throws Exception {
        long[] latency = new long[messages];
        ConcurrentNavigableMap<Long, long[]> pending = new ConcurrentSkipListMap<>();
        Semaphore window = new Semaphore(outstanding);
        CountDownLatch done = new CountDownLatch(messages);
        AtomicInteger nacked = new AtomicInteger();
        AtomicInteger returned = new AtomicInteger();
        AtomicInteger index = new AtomicInteger();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).build();
        byte[] payload = BODY.getBytes(StandardCharsets.UTF_8);
        Measured measured;
        try (Connection connection = factory.newConnection("bench-raw"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.addReturnListener(r -> returned.incrementAndGet());
            channel.addConfirmListener((seq, multiple) -> settle(pending, seq, multiple, latency, index, window, done),
                    (seq, multiple) -> {
                        nacked.incrementAndGet();
                        settle(pending, seq, multiple, latency, index, window, done);
                    });
            measured = measure(() -> {
                for (int i = 0; i < messages; i++) {
                    window.acquire();
                    long seq = channel.getNextPublishSeqNo();
                    pending.put(seq, new long[] {System.nanoTime()});
                    channel.basicPublish("", queue, true, props, payload);
                }
                if (!done.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("not every publish was confirmed within 5 minutes");
                }
            });
        }
        if (nacked.get() > 0 || returned.get() > 0) {
            throw new IllegalStateException(nacked + " publishes nacked, " + returned + " returned");
        }
        return new Timed(measured, latency);
    }

    private static void settle(ConcurrentNavigableMap<Long, long[]> pending, long seq, boolean multiple,
            long[] latency, AtomicInteger index, Semaphore window, CountDownLatch done) {
        long now = System.nanoTime();
        var settled = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
        int n = 0;
        for (var it = settled.entrySet().iterator(); it.hasNext(); ) {
            latency[index.getAndIncrement()] = now - it.next().getValue()[0];
            it.remove();
            n++;
        }
        window.release(n);
        for (int i = 0; i < n; i++) {
            done.countDown();
        }
    }

    /** The UDL route, fed by {@code outstanding} threads through its direct source. */
    static Timed udlRun(String queue, int messages, int outstanding) throws Exception {
        String udl = """
                udl: 8
                name: bench-publish
                systems:
                  in: {adapter: direct, name: bench-publish}
                  mq: {adapter: rabbitmq, host: 127.0.0.1, port: 5672}
                routes:
                  - name: publish
                    from: in
                    steps:
                      - to: {system: mq, exchange: default, queue: %s}
                """.formatted(queue);
        long[] latency = new long[messages];
        AtomicLong next = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Measured measured;
        try (UdlRuntime app = BenchSupport.startUdl("bench-publish.udl.yaml", udl)) {
            ProducerTemplate template = app.context().createProducerTemplate();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < outstanding; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (long i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            template.requestBody("direct:bench-publish", BODY);
                        } catch (RuntimeException e) {
                            failures.add(e);
                            return;
                        }
                        latency[(int) i] = System.nanoTime() - t0;
                    }
                }, "udl-publisher-" + t);
                thread.start();
                threads.add(thread);
            }
            measured = measure(() -> {
                go.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }
            });
            template.stop();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " route calls failed, the first: "
                    + failures.get(0).getMessage());
        }
        return new Timed(measured, latency);
    }

    private static void summary(List<Measured> raw, List<Measured> udl, List<long[]> rawLatency,
            List<long[]> udlLatency, int messages) {
        System.out.println();
        System.out.println("| round | raw msg/s | raw µs CPU/msg | UDL msg/s | UDL µs CPU/msg | UDL/raw | raw latency"
                + " | UDL latency |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        double sum = 0;
        for (int i = 0; i < raw.size(); i++) {
            Measured a = raw.get(i);
            Measured b = udl.get(i);
            double ratio = b.rate(messages) / a.rate(messages);
            sum += ratio;
            System.out.printf("| %d | %,.0f | %.1f | %,.0f | %.1f | %.2f | %s | %s |%n", i + 1, a.rate(messages),
                    a.cpuMicrosPer(messages), b.rate(messages), b.cpuMicrosPer(messages), ratio,
                    BenchSupport.percentiles(rawLatency.get(i)), BenchSupport.percentiles(udlLatency.get(i)));
        }
        double mean = sum / raw.size();
        System.out.printf("%nmean UDL/raw = %.2f (goal >= 0.80: %s)%n", mean, mean >= 0.8 ? "met" : "NOT met");
    }
}
