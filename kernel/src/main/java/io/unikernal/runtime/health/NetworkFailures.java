package io.unikernal.runtime.health;

import io.unikernal.runtime.tls.TlsSetupException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The part of classifying a failure that every client shares: what the network said, found anywhere in the chain of
 * causes. An unknown host is permanent (the name is wrong; DNS does not heal by itself in the time a retry waits); a
 * refused connection, a timeout or a connection closed early is transient (the server is not there yet, or
 * starting). A port where nothing listens cannot be told from a server that is down, so it is transient too. TLS
 * failures (an unusable store, an untrusted or misnamed certificate, no TLS on the port) are permanent.
 */
public final class NetworkFailures {

    private NetworkFailures() {
    }

    /**
     * The verdict on a client's failure, or {@code null} when nothing in it is a network failure (the client's own
     * classification decides then). {@code cause} is the text for a transient verdict, usually the client's message.
     */
    public static ProbeResult classify(Throwable failure, String cause) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ProbeResult tls = tls(t);
            if (tls != null) {
                return tls;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException unknown) {
                return ProbeResult.misconfigured("unknown host " + hostOf(unknown), "check the host name");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof EOFException) {
                return ProbeResult.unavailable(cause);
            }
        }
        return null;
    }

    /**
     * TLS failures are permanent: a store that cannot be used, a server certificate no trusted CA signed or that
     * names another host, a server that does not speak TLS. Said in words, not in the JDK's exception text.
     */
    private static ProbeResult tls(Throwable t) {
        if (t instanceof TlsSetupException setup) {
            return ProbeResult.misconfigured(setup.getMessage(), "check the TLS options (truststore, keystore)");
        }
        if (!(t instanceof SSLException)) {
            return null;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return ProbeResult.misconfigured("TLS: the server's certificate is not signed by a CA the truststore"
                        + " holds", "give the server's CA as truststore");
            }
            String message = String.valueOf(c.getMessage());
            if (c instanceof CertificateException && message.startsWith("No subject alternative")) {
                return ProbeResult.misconfigured("TLS: the server's certificate does not name the host connected to ("
                        + message + ")", "connect by a name the certificate holds, or give the server a certificate"
                                + " for this name");
            }
            if (message.contains("certificate_required") || message.contains("bad_certificate")
                    || message.contains("unknown_ca")) {
                return ProbeResult.misconfigured("TLS: the server wants a client certificate it trusts ("
                        + message.replaceFirst(".*fatal alert: ", "") + ")", "give a keystore with a client"
                                + " certificate the server's CA signed");
            }
            if (message.contains("Unsupported or unrecognized SSL message")) {
                return ProbeResult.misconfigured("TLS: the server does not speak TLS on this port",
                        "use the server's TLS port, or connect without TLS");
            }
        }
        if (t instanceof SSLHandshakeException) {
            return ProbeResult.misconfigured("TLS handshake failed: " + t.getMessage(),
                    "check the truststore and keystore against the server's TLS settings");
        }
        return null;
    }

    /** The JDK writes {@code name} or {@code name: Name or service not known}. */
    private static String hostOf(UnknownHostException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        return colon > 0 ? message.substring(0, colon) : message;
    }
}
