package io.unikernal.translate.soap;

import io.unikernal.testkit.server.FreePort;
import jakarta.xml.ws.Endpoint;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/** {@link ShopProvider} published by CXF's JAX-WS runtime on a loopback port of its own. */
final class ShopServer implements AutoCloseable {

    final int port = FreePort.loopback();
    final ShopProvider provider;
    private final Endpoint endpoint;

    ShopServer(ShopProvider provider) {
        this.provider = provider;
        endpoint = Endpoint.create(provider);
        endpoint.publish(url());
    }

    String url() {
        return "http://127.0.0.1:" + port + "/shop";
    }

    @Override
    public void close() {
        endpoint.stop();
        JettyHTTPServerEngineFactory.destroyForPort(port); // else CXF's Jetty goes on listening
    }
}
