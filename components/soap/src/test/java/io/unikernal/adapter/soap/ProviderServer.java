package io.unikernal.adapter.soap;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import jakarta.xml.ws.Endpoint;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/** {@link OrdersProvider} published by CXF on a loopback port of its own; stopping it closes the port. */
final class ProviderServer implements RestartableServer, AutoCloseable {

    final int port = FreePort.loopback();
    final OrdersProvider provider = new OrdersProvider();
    private Endpoint endpoint;

    ProviderServer() {
        start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/orders";
    }

    @Override
    public synchronized void start() {
        endpoint = Endpoint.create(provider);
        endpoint.publish(url());
    }

    @Override
    public synchronized void stop() {
        if (endpoint != null) {
            endpoint.stop();
            endpoint = null;
            JettyHTTPServerEngineFactory.destroyForPort(port); // else CXF's Jetty goes on listening, answering 404
        }
    }

    @Override
    public void close() {
        stop();
    }
}
