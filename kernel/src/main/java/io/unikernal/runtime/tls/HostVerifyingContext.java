package io.unikernal.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context whose client sockets and engines check that the server's certificate names the host connected to
 * (endpoint identification "HTTPS", RFC 2818): the JDK checks it only when asked, and client libraries such as jnats
 * and Paho do not ask, so a certificate of the trusted CA for any other host would do.
 */
final class HostVerifyingContext extends SSLContext {

    HostVerifyingContext(SSLContext delegate) {
        this(delegate, null, -1);
    }

    /**
     * A context for one server: an engine made without a host (as camel-netty's client makes it) is this server's,
     * so its certificate is checked against {@code peerHost} too.
     */
    HostVerifyingContext(SSLContext delegate, String peerHost, int peerPort) {
        super(new Spi(delegate, peerHost, peerPort), delegate.getProvider(), delegate.getProtocol());
    }

    private static SSLParameters verifying(SSLParameters params) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
        return params;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final String peerHost;
        private final int peerPort;

        Spi(SSLContext delegate, String peerHost, int peerPort) {
            this.delegate = delegate;
            this.peerHost = peerHost;
            this.peerPort = peerPort;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("this context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new VerifyingSocketFactory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            // without a peer it is a server's engine (or one the caller names the host of): nothing to verify
            return peerHost == null ? delegate.createSSLEngine() : engineCreateSSLEngine(peerHost, peerPort);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = delegate.createSSLEngine(host, port);
            engine.setSSLParameters(verifying(engine.getSSLParameters()));
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return verifying(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    private static final class VerifyingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        VerifyingSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket verifying(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setSSLParameters(HostVerifyingContext.verifying(ssl.getSSLParameters()));
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return verifying(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return delegate.createSocket(s, consumed, autoClose); // a server-side socket: nothing to verify
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return verifying(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
