package io.unikernal.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.ForceReconnectOptions;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.Nats;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.ObjectStoreOptions;
import io.nats.client.Options;
import io.nats.client.Statistics;
import io.nats.client.StreamContext;
import io.nats.client.Subscription;
import io.nats.client.api.ServerInfo;
import io.nats.client.impl.Headers;
import io.unikernal.runtime.tls.TlsContextFactory;
import io.unikernal.udl.notation.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection of a NATS system (the bean {@code system.<name>}), shared by every route that uses the system:
 * camel-nats endpoints take it as their {@code connection}, this module's JetStream consumer reads through it, the
 * probe opens it. It exists before the server can be reached — an app starts while its NATS server is down — so it
 * is a {@link Connection} that delegates to jnats' own once {@link #connect()} (called by {@link NatsProbe}, the
 * kernel's check at start and its retries) has succeeded; until then every use fails at once with "not connected".
 * Once connected, jnats reconnects by itself for as long as it takes.
 *
 * <p>How it connects: credentials as bean properties ({@code user}/{@code password} or {@code token}, resolved by
 * Camel from {@code {{secret:...}}}), never in a URL; publishing while disconnected fails at once instead of queueing
 * in jnats' reconnect buffer (so the route's retry sees the failure and a message is never both queued and retried);
 * a request no subscriber takes fails with "no responders" instead of waiting for its timeout.
 */
public class NatsSystemConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSystemConnection.class);

    /** Requests wait for their own timeout (camel-nats' requestTimeout); jnats' cleanup only bounds the longest. */
    static final Duration LONGEST_REQUEST = Duration.ofSeconds(60);

    private String servers = NatsSystems.DEFAULT_SERVERS;
    private String user;
    private String password;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private String name;
    private TlsContextFactory tls;
    private volatile Connection live;
    private volatile Exception connectFailure;

    public void setServers(String servers) {
        this.servers = servers;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public void setConnectTimeout(String connectTimeout) {
        Duration parsed = Durations.parse(connectTimeout);
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must be a positive duration such as 2s, not '"
                    + connectTimeout + "'");
        }
        this.connectTimeout = parsed;
    }

    /** TLS to the servers: their certificate checked against the system's truststore and the host name. */
    public void setTls(TlsContextFactory tls) {
        this.tls = tls;
    }

    /** The name the server shows for this client (its monitoring endpoints list it). */
    public void setName(String name) {
        this.name = name;
    }

    /** True when the connection talks TLS. */
    public boolean usesTls() {
        return tls != null;
    }

    /** The servers, as configured: {@code nats://127.0.0.1:4222}. */
    public String servers() {
        return servers;
    }

    /**
     * Connects if not connected yet: one attempt at each server, each bounded by {@code connectTimeout}. Throws what
     * jnats threw, with the network's own failure (refused, unknown host) as its cause when jnats only reported it
     * to its listener, for {@link NatsFailures} to classify. A no-op once connected: jnats keeps the connection up.
     */
    public synchronized void connect() throws IOException, InterruptedException {
        if (live != null) {
            return;
        }
        connectFailure = null;
        try {
            live = Nats.connect(options());
        } catch (IOException e) {
            Exception seen = connectFailure;
            if (seen != null && seen != e && hasTlsFailure(seen)) {
                // jnats then reports only a timeout: the TLS alert it got says what is wrong
                throw new IOException(e.getMessage(), seen);
            }
            if (seen != null && e.getCause() == null && seen != e) {
                e.initCause(seen);
            }
            throw e;
        }
        LOG.debug("connected to {}", live.getConnectedUrl());
    }

    private static boolean hasTlsFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** True once {@link #connect()} succeeded (the connection may be reconnecting right now: see the status). */
    public boolean opened() {
        return live != null;
    }

    Options options() {
        Options.Builder options = new Options.Builder()
                .servers(Arrays.stream(servers.split(",")).map(String::strip).toArray(String[]::new))
                .connectionTimeout(connectTimeout)
                .maxReconnects(-1)
                .reconnectBufferSize(0)
                .reportNoResponders()
                .useTimeoutException()
                .requestCleanupInterval(LONGEST_REQUEST)
                .errorListener(listener);
        if (name != null) {
            options.connectionName(name);
        }
        if (tls != null) {
            options.sslContext(tls.sslContext());
        }
        if (user != null) {
            options.userInfo(user, password);
        }
        if (token != null) {
            options.token(token.toCharArray());
        }
        return options.build();
    }

    /**
     * jnats' default listener writes every failed reconnect attempt to java.util.logging; the kernel already reports
     * a server that is down once (its probe), so those go to debug, as do the server's errors while connecting; its
     * errors on an open connection go to warn. The last
     * failure of a connect attempt is kept: jnats' exception names only the servers.
     */
    private final ErrorListener listener = new ErrorListener() {
        @Override
        public void errorOccurred(Connection conn, String error) {
            if (live == null) {
                // while connecting, the probe reports it (once, with the system's name)
                LOG.debug("the NATS server at {} reports: {}", servers, error);
            } else {
                LOG.warn("the NATS server at {} reports: {}", servers, error);
            }
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            connectFailure = exp;
            LOG.debug("NATS connection to {}: {}", servers, exp.toString());
        }
    };

    private Connection live() {
        Connection connection = live;
        if (connection == null) {
            throw new IllegalStateException("not connected to NATS at " + servers + " yet");
        }
        return connection;
    }

    @Override
    public Status getStatus() {
        Connection connection = live;
        return connection == null ? Status.DISCONNECTED : connection.getStatus();
    }

    @Override
    public Options getOptions() {
        Connection connection = live;
        return connection == null ? options() : connection.getOptions();
    }

    @Override
    public Collection<String> getServers() {
        Connection connection = live;
        return connection == null ? List.of(servers.split(",")) : connection.getServers();
    }

    @Override
    public String getLastError() {
        Connection connection = live;
        return connection == null ? null : connection.getLastError();
    }

    @Override
    public void clearLastError() {
        Connection connection = live;
        if (connection != null) {
            connection.clearLastError();
        }
    }

    /** Closes the connection (the bean's destroy method, when the app stops); safe to call twice. */
    @Override
    public synchronized void close() throws InterruptedException {
        Connection connection = live;
        live = null;
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "NATS connection to " + servers + " (" + getStatus() + ")";
    }

    @Override
    public void publish(String subject, byte[] body) {
        live().publish(subject, body);
    }

    @Override
    public void publish(String subject, Headers headers, byte[] body) {
        live().publish(subject, headers, body);
    }

    @Override
    public void publish(String subject, String replyTo, byte[] body) {
        live().publish(subject, replyTo, body);
    }

    @Override
    public void publish(String subject, String replyTo, Headers headers, byte[] body) {
        live().publish(subject, replyTo, headers, body);
    }

    @Override
    public void publish(Message message) {
        live().publish(message);
    }

    @Override
    public CompletableFuture<Message> request(String subject, byte[] body) {
        return live().request(subject, body);
    }

    @Override
    public CompletableFuture<Message> request(String subject, Headers headers, byte[] body) {
        return live().request(subject, headers, body);
    }

    @Override
    public CompletableFuture<Message> requestWithTimeout(String subject, byte[] body, Duration timeout) {
        return live().requestWithTimeout(subject, body, timeout);
    }

    @Override
    public CompletableFuture<Message> requestWithTimeout(String subject, Headers headers, byte[] body, Duration timeout) {
        return live().requestWithTimeout(subject, headers, body, timeout);
    }

    @Override
    public CompletableFuture<Message> request(Message message) {
        return live().request(message);
    }

    @Override
    public CompletableFuture<Message> requestWithTimeout(Message message, Duration timeout) {
        return live().requestWithTimeout(message, timeout);
    }

    @Override
    public Message request(String subject, byte[] body, Duration timeout) throws InterruptedException {
        return live().request(subject, body, timeout);
    }

    @Override
    public Message request(String subject, Headers headers, byte[] body, Duration timeout) throws InterruptedException {
        return live().request(subject, headers, body, timeout);
    }

    @Override
    public Message request(Message message, Duration timeout) throws InterruptedException {
        return live().request(message, timeout);
    }

    @Override
    public Subscription subscribe(String subject) {
        return live().subscribe(subject);
    }

    @Override
    public Subscription subscribe(String subject, String queueName) {
        return live().subscribe(subject, queueName);
    }

    @Override
    public Dispatcher createDispatcher(MessageHandler handler) {
        return live().createDispatcher(handler);
    }

    @Override
    public Dispatcher createDispatcher() {
        return live().createDispatcher();
    }

    @Override
    public void closeDispatcher(Dispatcher dispatcher) {
        live().closeDispatcher(dispatcher);
    }

    @Override
    public void addConnectionListener(ConnectionListener connectionListener) {
        live().addConnectionListener(connectionListener);
    }

    @Override
    public void removeConnectionListener(ConnectionListener connectionListener) {
        live().removeConnectionListener(connectionListener);
    }

    @Override
    public void flush(Duration timeout) throws TimeoutException, InterruptedException {
        live().flush(timeout);
    }

    @Override
    public CompletableFuture<Boolean> drain(Duration timeout) throws TimeoutException, InterruptedException {
        return live().drain(timeout);
    }

    @Override
    public long getMaxPayload() {
        return live().getMaxPayload();
    }

    @Override
    public Statistics getStatistics() {
        return live().getStatistics();
    }

    @Override
    public ServerInfo getServerInfo() {
        return live().getServerInfo();
    }

    @Override
    public String getConnectedUrl() {
        return live().getConnectedUrl();
    }

    @Override
    public InetAddress getClientInetAddress() {
        return live().getClientInetAddress();
    }

    @Override
    public String createInbox() {
        return live().createInbox();
    }

    @Override
    public void flushBuffer() throws IOException {
        live().flushBuffer();
    }

    @Override
    public void forceReconnect() throws IOException, InterruptedException {
        live().forceReconnect();
    }

    @Override
    public void forceReconnect(ForceReconnectOptions options) throws IOException, InterruptedException {
        live().forceReconnect(options);
    }

    @Override
    public Duration RTT() throws IOException {
        return live().RTT();
    }

    @Override
    public StreamContext getStreamContext(String streamName) throws IOException, JetStreamApiException {
        return live().getStreamContext(streamName);
    }

    @Override
    public StreamContext getStreamContext(String streamName, JetStreamOptions options) throws IOException, JetStreamApiException {
        return live().getStreamContext(streamName, options);
    }

    @Override
    public ConsumerContext getConsumerContext(String streamName, String consumerName) throws IOException, JetStreamApiException {
        return live().getConsumerContext(streamName, consumerName);
    }

    @Override
    public ConsumerContext getConsumerContext(String streamName, String consumerName, JetStreamOptions options) throws IOException, JetStreamApiException {
        return live().getConsumerContext(streamName, consumerName, options);
    }

    @Override
    public JetStream jetStream() throws IOException {
        return live().jetStream();
    }

    @Override
    public JetStream jetStream(JetStreamOptions options) throws IOException {
        return live().jetStream(options);
    }

    @Override
    public JetStreamManagement jetStreamManagement() throws IOException {
        return live().jetStreamManagement();
    }

    @Override
    public JetStreamManagement jetStreamManagement(JetStreamOptions options) throws IOException {
        return live().jetStreamManagement(options);
    }

    @Override
    public KeyValue keyValue(String bucketName) throws IOException {
        return live().keyValue(bucketName);
    }

    @Override
    public KeyValue keyValue(String bucketName, KeyValueOptions options) throws IOException {
        return live().keyValue(bucketName, options);
    }

    @Override
    public KeyValueManagement keyValueManagement() throws IOException {
        return live().keyValueManagement();
    }

    @Override
    public KeyValueManagement keyValueManagement(KeyValueOptions options) throws IOException {
        return live().keyValueManagement(options);
    }

    @Override
    public ObjectStore objectStore(String bucketName) throws IOException {
        return live().objectStore(bucketName);
    }

    @Override
    public ObjectStore objectStore(String bucketName, ObjectStoreOptions options) throws IOException {
        return live().objectStore(bucketName, options);
    }

    @Override
    public ObjectStoreManagement objectStoreManagement() throws IOException {
        return live().objectStoreManagement();
    }

    @Override
    public ObjectStoreManagement objectStoreManagement(ObjectStoreOptions options) throws IOException {
        return live().objectStoreManagement(options);
    }
}
