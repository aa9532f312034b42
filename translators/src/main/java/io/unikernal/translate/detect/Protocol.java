package io.unikernal.translate.detect;

/** What a connection's first bytes speak, as far as detection can tell. */
public enum Protocol {
    REST("REST (HTTP/1.1 or HTTP/2 request)"),
    GRPC("gRPC"),
    SOAP("SOAP"),
    GRAPHQL("GraphQL over HTTP"),
    WEBSOCKET("WebSocket (HTTP/1.1 upgrade handshake)"),
    UNKNOWN("unknown");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
