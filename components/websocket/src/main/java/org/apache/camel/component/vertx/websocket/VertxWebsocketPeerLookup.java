package org.apache.camel.component.vertx.websocket;

import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.CamelContext;

/**
 * Finds a connected peer by its connection key in camel-vertx-websocket's own registry, which the component keeps
 * {@code protected} (hence this class in the component's package). The adapter writes a route's reply straight to
 * the sender's socket: camel-vertx-websocket's producer, given a key while no peer at all is connected, would
 * instead open a client connection to the app's own server and send the reply there as a new message.
 */
public final class VertxWebsocketPeerLookup {

    private VertxWebsocketPeerLookup() {
    }

    /** The servers' components in use: their own ({@code vertx-websocket}) and the HTTP listener's. */
    private static java.util.List<VertxWebsocketComponent> components(CamelContext camel) {
        java.util.List<VertxWebsocketComponent> found = new java.util.ArrayList<>();
        for (String scheme : java.util.List.of("vertx-websocket", "websocket-http")) {
            if (camel.hasComponent(scheme) instanceof VertxWebsocketComponent component) {
                found.add(component);
            }
        }
        return found;
    }

    /** The open connection with this key, or null when the peer has gone (or the key is unknown). */
    public static ServerWebSocket connected(CamelContext camel, String key) {
        if (key == null) {
            return null;
        }
        for (VertxWebsocketComponent component : components(camel)) {
            for (VertxWebsocketHost host : component.getVertxHostRegistry().values()) {
                VertxWebsocketPeer peer = host.getConnectedPeer(key);
                if (peer != null && !peer.getWebSocket().isClosed()) {
                    return peer.getWebSocket();
                }
            }
        }
        return null;
    }

    /** How many peers are connected to the server on this host and port (any path). */
    public static int connectedCount(CamelContext camel, String host, int port) {
        return components(camel).stream().flatMap(c -> c.getVertxHostRegistry().values().stream())
                .filter(h -> h.isManagedHost(host) && h.isManagedPort(port))
                .mapToInt(h -> h.getConnectedPeers().size()).sum();
    }
}
