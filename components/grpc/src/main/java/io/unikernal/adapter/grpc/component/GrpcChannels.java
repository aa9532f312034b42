package io.unikernal.adapter.grpc.component;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The channels of one component, one per address and TLS setting, shared by the producers that call there and closed
 * with the last of them. A channel connects lazily and reconnects by itself (grpc-java's back-off); a call while it
 * cannot connect fails UNAVAILABLE, which the route's retry handles.
 */
public final class GrpcChannels {

    /** Where a channel goes and how: TLS (trusting {@code trustCerts}, a PEM file, or else the JVM's) or plaintext. */
    public record Settings(String address, boolean tls, String trustCerts, int maxInboundMessageSize) {
    }

    private static final class Held {
        final ManagedChannel channel;
        int users;

        Held(ManagedChannel channel) {
            this.channel = channel;
        }
    }

    private final Map<Settings, Held> channels = new HashMap<>();

    synchronized ManagedChannel acquire(Settings settings) {
        Held held = channels.computeIfAbsent(settings, s -> new Held(open(s)));
        held.users++;
        return held.channel;
    }

    synchronized void release(Settings settings) {
        Held held = channels.get(settings);
        if (held != null && --held.users <= 0) {
            channels.remove(settings);
            close(held.channel);
        }
    }

    synchronized void closeAll() {
        channels.values().forEach(held -> close(held.channel));
        channels.clear();
    }

    /** A channel to {@code settings.address()}: plaintext, or TLS trusting the given certificates (else the JVM's). */
    public static ManagedChannel open(Settings settings) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(settings.address())
                .maxInboundMessageSize(settings.maxInboundMessageSize());
        if (settings.tls()) {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                if (settings.trustCerts() != null) {
                    ssl.trustManager(new File(settings.trustCerts()));
                }
                builder.sslContext(ssl.build()).useTransportSecurity();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot use the trusted certificates " + settings.trustCerts()
                        + ": " + ProtoContractException.describe(e));
            }
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
