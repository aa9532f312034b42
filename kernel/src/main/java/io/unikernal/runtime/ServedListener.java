package io.unikernal.runtime;

import java.util.Objects;

/**
 * The listener an operator reaches an app on (the app's HTTP server): the application properties that hold its host
 * and port, which {@code unikernal run --port} overrides, and its URL scheme. The app's metrics and health are served
 * on it too. Declared by a source role ({@code SourceRole.servedListener}), so the CLI never knows an adapter's
 * properties.
 */
public record ServedListener(String scheme, String hostProperty, String portProperty) {

    public ServedListener {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(hostProperty, "hostProperty");
        Objects.requireNonNull(portProperty, "portProperty");
    }

    /** {@code scheme://host:port}. */
    public String url(String host, String port) {
        return scheme + "://" + host + ":" + port;
    }
}
