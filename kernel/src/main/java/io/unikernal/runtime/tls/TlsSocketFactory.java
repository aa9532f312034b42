package io.unikernal.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The client socket factory of a system's {@link TlsContextFactory}, for client libraries that take a
 * {@code SocketFactory} (Paho, the RabbitMQ client): its sockets check the server's certificate and host name. The
 * context is built when the first socket is made, not when the bean is, so an unusable store is the failure of the
 * first connect (the system's probe reports it in one line) rather than of the app's wiring.
 */
public class TlsSocketFactory extends SSLSocketFactory {

    private TlsContextFactory tls;

    public void setTls(TlsContextFactory tls) {
        this.tls = tls;
    }

    private SSLSocketFactory delegate() {
        if (tls == null) {
            throw new IllegalStateException("TlsSocketFactory has no TLS settings (the tls property)");
        }
        return tls.sslContext().getSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate().createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return delegate().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return delegate().createSocket(s, consumed, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return delegate().createSocket(address, port, localAddress, localPort);
    }
}
