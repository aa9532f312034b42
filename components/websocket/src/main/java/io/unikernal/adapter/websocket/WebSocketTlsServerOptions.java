package io.unikernal.adapter.websocket;

import io.unikernal.runtime.tls.TlsContextFactory;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Vert.x server options of a websocket system that serves {@code wss}: the key managers of the system's shared
 * TLS settings ({@link TlsContextFactory}, so the same stores, PEM too, as every adapter) serve the keystore's
 * certificate; with a truststore, a peer must show a client certificate its CAs signed.
 */
public class WebSocketTlsServerOptions extends HttpServerOptions {

    public void setTls(TlsContextFactory tls) {
        setSsl(true);
        setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagerFactory()));
        TrustManagerFactory trust = tls.trustManagerFactory();
        if (trust != null) {
            setTrustOptions(TrustOptions.wrap(trust));
            setClientAuth(ClientAuth.REQUIRED);
        }
    }
}
