package io.unikernal.adapter.serial.component;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the port on a thread of its own and hands each frame to the route, in order, as text in the port's charset.
 * When the port is lost or cannot be opened it tries again after a doubling wait ({@code reconnectDelay} up to
 * {@code reconnectDelayMax}), logging the loss once and the return once; a partial frame from before the loss is
 * dropped. A line over {@code maxFrameSize} is dropped with a WARN line and reading goes on.
 */
public class SerialConsumer extends DefaultConsumer implements FrameReader.Frames {

    private static final Logger LOG = LoggerFactory.getLogger(SerialConsumer.class);

    private final SerialEndpoint endpoint;
    private final SerialSettings settings;
    private ExecutorService executor;
    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(1);

    public SerialConsumer(SerialEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.settings = endpoint.settings();
    }

    /** True while the port is open for reading. */
    public boolean isConnected() {
        return running && endpoint.line().isOpen();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        stopping = new CountDownLatch(1);
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                "SerialConsumer[" + settings.port() + "]");
        executor.submit(this::readWhileRunning);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        stopping.countDown();
        if (executor != null) {
            // a read returns within SerialLine.READ_WAIT_MILLIS
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 10_000);
            executor = null;
        }
        super.doStop();
    }

    private boolean running() {
        return running && isRunAllowed();
    }

    private void readWhileRunning() {
        SerialLine line = endpoint.line();
        FrameReader reader = new FrameReader(settings, this);
        byte[] buffer = new byte[4096];
        int failures = 0;
        while (running()) {
            try {
                int n = line.read(buffer);
                if (failures > 0) {
                    LOG.info("serial port {} is open again", settings.port());
                    failures = 0;
                }
                reader.accept(buffer, n);
            } catch (SerialUnavailableException e) {
                reader.reset();
                if (running() && failures++ == 0) {
                    LOG.warn("{}; opening it again (every {} ms at most), frames sent meanwhile are not received",
                            e.getMessage(), endpoint.getReconnectDelayMax());
                }
                pause(delay(failures));
            } catch (RuntimeException e) {
                LOG.warn("serial port {}: reading failed ({}); going on", settings.port(), e.getMessage());
            }
        }
    }

    @Override
    public void frame(byte[] frame) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(new String(frame, settings.charsetValue()));
            exchange.getIn().setHeader(SerialConstants.PORT, settings.port());
            exchange.getIn().setHeader(SerialConstants.FRAME_LENGTH, frame.length);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("serial port " + settings.port() + ": frame failed", exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    @Override
    public void oversize(long length) {
        LOG.warn("serial port {}: dropped a frame of {} bytes, longer than maxFrameSize {}; reading the next one",
                settings.port(), length, settings.maxFrameSize());
    }

    private long delay(int failures) {
        long wait = endpoint.getReconnectDelay();
        for (int i = 1; i < failures && wait < endpoint.getReconnectDelayMax(); i++) {
            wait *= 2;
        }
        return Math.min(wait, endpoint.getReconnectDelayMax());
    }

    private void pause(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
