package io.unikernal.testkit.server;

/**
 * A server a test owns and may stop and start again on the same address, keeping its data — a restart of the server
 * itself, not a client reconnect. Never the machine's shared instance.
 */
public interface RestartableServer {

    /** Stops the server; returns once it no longer accepts connections. */
    void stop();

    /** Starts it again on the same address with the data it had; returns once it accepts connections. */
    void start();
}
