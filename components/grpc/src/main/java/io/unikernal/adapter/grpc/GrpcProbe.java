package io.unikernal.adapter.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.unikernal.adapter.grpc.component.GrpcChannels;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.ServeAndCallProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The probe of a grpc system. Serving (a port): before the app starts the port must be free to bind (another process
 * on it, or an address not of this machine, fails the start naming the port); once running the listener must accept
 * connections. Calling (an address): the server must answer as a gRPC server — the probe calls a method no service
 * has, {@code unikernal.probe.Probe/Check}, and a gRPC server answers UNIMPLEMENTED without running anything. An
 * unknown host, a port where something else than gRPC answers, or a failed TLS handshake is permanent (the start fails
 * with one line); a refused connection or no answer in time is transient (the kernel retries).
 */
public class GrpcProbe extends ServeAndCallProbe {

    private static final long TIMEOUT_MILLIS = 2000;
    private static final MethodDescriptor<byte[], byte[]> CHECK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("unikernal.probe.Probe/Check")
            .setRequestMarshaller(ProtoMethod.BYTES).setResponseMarshaller(ProtoMethod.BYTES).build();

    private boolean tls;
    private String trustCert;

    /** Check the server over TLS, as the calls go. */
    public void setTls(boolean tls) {
        this.tls = tls;
    }

    /** The certificates (PEM) the calls trust; implies TLS. */
    public void setTrustCert(String trustCert) {
        this.trustCert = trustCert;
    }

    @Override
    protected String listenerProtocol() {
        return "gRPC";
    }

    @Override
    protected ProbeResult checkServer() {
        ManagedChannel channel;
        try {
            channel = GrpcChannels.open(new GrpcChannels.Settings(address(), tls || trustCert != null, trustCert,
                    4 * 1024 * 1024));
        } catch (IllegalArgumentException e) {
            return ProbeResult.misconfigured(e.getMessage(), "check trustCert: a PEM file of certificates");
        }
        try {
            CompletableFuture<Status> answer = new CompletableFuture<>();
            ClientCall<byte[], byte[]> call = channel.newCall(CHECK, CallOptions.DEFAULT
                    .withDeadlineAfter(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    answer.complete(status);
                }
            }, new Metadata());
            call.request(1);
            call.sendMessage(new byte[0]);
            call.halfClose();
            return verdict(answer.get(TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return ProbeResult.unavailable("no answer from " + address() + " within " + TIMEOUT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unavailable("interrupted while checking " + address());
        } finally {
            channel.shutdownNow();
        }
    }

    private ProbeResult verdict(Status status) {
        switch (status.getCode()) {
            case UNIMPLEMENTED, OK:
                return ProbeResult.up();
            case UNAVAILABLE: {
                String cause = "cannot connect to " + address() + ": " + reason(status);
                for (Throwable t = status.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof SSLException) {
                        return ProbeResult.misconfigured("the TLS handshake with " + address() + " failed ("
                                + t.getMessage() + ")", "check tls and trustCert");
                    }
                }
                ProbeResult network = status.getCause() == null ? null : NetworkFailures.classify(status.getCause(),
                        cause);
                if (network == null && status.getDescription() != null
                        && status.getDescription().startsWith("Unable to resolve host")) {
                    return ProbeResult.misconfigured("unknown host in " + address(), "check the address");
                }
                return network != null ? network : ProbeResult.unavailable(cause);
            }
            case DEADLINE_EXCEEDED:
                return ProbeResult.unavailable("no answer from " + address() + " within " + TIMEOUT_MILLIS + " ms");
            default:
                return ProbeResult.misconfigured(address() + " does not answer as a gRPC server (" + status.getCode()
                        + ": " + reason(status) + ")", "check the address: is a gRPC server listening there?");
        }
    }

    private static String reason(Status status) {
        String description = status.getDescription();
        if (status.getCause() != null && (description == null || description.equals("io exception"))) {
            Throwable deepest = status.getCause();
            while (deepest.getCause() != null && deepest.getCause() != deepest) {
                deepest = deepest.getCause();
            }
            return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        }
        return description == null ? "no description" : description.replaceAll("\\s*\\R\\s*", " ");
    }
}
