package io.unikernal.adapter.s3;

import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An s3 system's client, the bean {@code system.<name>}: the bucket, the store's endpoint (AWS's regional one, or an
 * S3-compatible store's), the region, path-style access and the credentials, set from the UDL options with every
 * {@code {{secret:...}}} already resolved by Camel as it builds the bean — so a key never stands in an endpoint URI, a
 * log line or a compiled file. Its init method builds one AWS SDK {@link S3Client} and binds it under
 * {@link #setClientBean the client bean's name}, which the system's Camel {@code aws2-s3} endpoints take as their
 * {@code amazonS3Client} (through {@link EndpointClient}, so their start-time bucket check does not fail the app's
 * start while the store is down); the probe asks through a second client of the same settings that does not retry.
 *
 * <p>Both clients compute and check checksums only where S3 requires them ({@code WHEN_REQUIRED}): the SDK's default
 * since 2.30 (flexible checksums on every request, in trailers of chunked uploads) is not understood by many
 * S3-compatible stores (S3Proxy, older MinIO, Ceph), which refuse the upload.
 */
public class S3System implements CamelContextAware, AutoCloseable {

    private CamelContext camelContext;
    private String clientBean;
    private String bucket;
    private String endpoint;
    private String region = "us-east-1";
    private boolean pathStyle;
    private String accessKey;
    private String secretKey;
    private String sessionToken;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration probeTimeout = Duration.ofSeconds(5);
    private int maxConnections = 64;
    private S3Client client;
    private S3Client probeClient;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** The name the client is bound under in the registry ({@code amazonS3Client=#bean:<name>}). */
    public void setClientBean(String clientBean) {
        this.clientBean = clientBean;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getBucket() {
        return bucket;
    }

    /** An S3-compatible store's URL; blank: AWS's endpoint of the region. */
    public void setEndpoint(String endpoint) {
        this.endpoint = blankToNull(endpoint);
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getRegion() {
        return region;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = blankToNull(accessKey);
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = blankToNull(secretKey);
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = blankToNull(sessionToken);
    }

    public void setConnectTimeoutMillis(long millis) {
        this.connectTimeout = Duration.ofMillis(millis);
    }

    /** How long one look of the probe may take. */
    public void setProbeTimeoutMillis(long millis) {
        this.probeTimeout = Duration.ofMillis(millis);
    }

    public Duration getProbeTimeout() {
        return probeTimeout;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Builds the client and binds it for the endpoints; called once the properties are set. */
    public void start() {
        client = build(RetryMode.STANDARD, connectTimeout, null);
        if (camelContext != null && clientBean != null) {
            camelContext.getRegistry().bind(clientBean, S3Client.class, EndpointClient.wrap(client));
        }
    }

    /** The client of the system's endpoints; built on first use when the bean was not started. */
    public synchronized S3Client client() {
        if (client == null) {
            client = build(RetryMode.STANDARD, connectTimeout, null);
        }
        return client;
    }

    /** A client that tries each request once, within the probe's timeout. */
    synchronized S3Client probeClient() {
        if (probeClient == null) {
            Duration connect = probeTimeout.compareTo(Duration.ofSeconds(2)) < 0 ? probeTimeout : Duration.ofSeconds(2);
            probeClient = build(null, connect, probeTimeout);
        }
        return probeClient;
    }

    private S3Client build(RetryMode retries, Duration connect, Duration callTimeout) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(connect).maxConnections(maxConnections));
        builder.overrideConfiguration(o -> {
            if (retries == null) {
                o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry());
            } else {
                o.retryStrategy(retries);
            }
            if (callTimeout != null) {
                o.apiCallTimeout(callTimeout);
            }
        });
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        if (accessKey == null || secretKey == null) {
            // the SDK's chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the profile file, the instance's role
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(sessionToken == null ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    /** Where the system's objects are, for messages: the endpoint (or region) and bucket, never a key. */
    public String describe() {
        return "bucket " + bucket + " at " + (endpoint == null ? "AWS S3 " + region : endpoint);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (probeClient != null) {
            probeClient.close();
            probeClient = null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String toString() {
        // never a key
        return "s3 " + describe();
    }
}
