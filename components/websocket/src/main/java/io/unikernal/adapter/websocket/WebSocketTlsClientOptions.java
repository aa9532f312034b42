package io.unikernal.adapter.websocket;

import io.unikernal.runtime.tls.TlsContextFactory;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Vert.x client options of a websocket-client system with a {@code wss://} URL and TLS stores: the trust managers
 * of the system's shared TLS settings check the server's certificate (Vert.x checks the host name, verifyHost), the
 * key managers show the keystore's certificate to a server that wants one.
 */
public class WebSocketTlsClientOptions extends HttpClientOptions {

    public WebSocketTlsClientOptions() {
        setSsl(true);
        setVerifyHost(true);
    }

    public void setTls(TlsContextFactory tls) {
        TrustManagerFactory trust = tls.trustManagerFactory();
        if (trust != null) {
            setTrustOptions(TrustOptions.wrap(trust));
        }
        KeyManagerFactory keys = tls.keyManagerFactory();
        if (keys != null) {
            setKeyCertOptions(KeyCertOptions.wrap(keys));
        }
    }
}
