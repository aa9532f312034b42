package io.unikernal.adapter.s3;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;

/**
 * The client the system's Camel endpoints get: the system's own, except that a {@code HeadBucket} that cannot reach
 * the store answers as if the bucket were there. Camel's {@code aws2-s3} endpoint asks {@code HeadBucket} as it
 * starts — for every route, also one the kernel holds because its store is down — and would fail the whole app's
 * start on a store that is merely not up yet. The kernel's probe is the check at start (a wrong key, host or bucket
 * fails the start in one line; a store that is down is retried and reported), so the endpoint's own check may pass.
 * Every other call, and an answer of the store (403, 404), goes through unchanged. The adapter's nodes call no
 * {@code HeadBucket}.
 */
final class EndpointClient implements InvocationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointClient.class);

    private final S3Client client;

    private EndpointClient(S3Client client) {
        this.client = client;
    }

    static S3Client wrap(S3Client client) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                new EndpointClient(client));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "endpoint client of " + client;
            };
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if ("headBucket".equals(method.getName()) && failure instanceof SdkClientException unreachable) {
                LOG.debug("the store is not reachable for the endpoint's start check ({}); the probe reports it",
                        unreachable.getMessage());
                return HeadBucketResponse.builder().build();
            }
            throw failure;
        }
    }
}
