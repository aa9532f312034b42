package io.unikernal.adapter.netty;

import io.unikernal.runtime.tls.TlsContextFactory;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * camel-netty's {@code sslContextParameters} made from the system's shared TLS settings ({@link TlsContextFactory})
 * rather than Camel's own key store parameters, so a tcp system reads the same stores (PEM too) as every other
 * adapter. A listener's context serves the key store's certificate; a client's ({@code peerHost} set) checks the
 * server's certificate against that host, since camel-netty makes its client engine without naming one.
 */
public class NettyTlsParameters extends SSLContextParameters {

    private TlsContextFactory tls;
    private String peerHost;
    private int peerPort;

    public void setTls(TlsContextFactory tls) {
        this.tls = tls;
    }

    /** The server a client connects to; absent for a listener. */
    public void setPeerHost(String peerHost) {
        this.peerHost = peerHost;
    }

    public void setPeerPort(int peerPort) {
        this.peerPort = peerPort;
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
        return peerHost == null ? tls.sslContext() : tls.sslContextFor(peerHost, peerPort);
    }
}
