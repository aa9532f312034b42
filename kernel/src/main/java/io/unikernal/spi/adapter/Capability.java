package io.unikernal.spi.adapter;

/**
 * What a role can do, declared by the role and read by the kernel and the adapter contract suite, so that neither
 * ever decides by an adapter's name.
 */
public enum Capability {
    /** The system is a server process of its own (a database, a broker): it can be down, restart, refuse a login. */
    REMOTE_SERVER,
    /** A source that keeps messages the route has not finished, and offers them again after a restart. */
    DURABLE,
    /** A source whose caller waits for the route's reply (HTTP): {@code reply:} makes sense on its routes. */
    REQUEST_REPLY,
    /**
     * A target that bounds a call by the route's timeout in its own client (connect and response timeouts), so the
     * kernel needs no time limiter (a thread hand-off per call) for it.
     */
    CLIENT_TIMEOUT,
    /**
     * A target that sends the call's idempotency key on to the target system (read with
     * {@code OutboundIdempotencyKey.of(exchange)}); only then does the compiler derive a key before each call.
     */
    SENDS_IDEMPOTENCY_KEY,
    /**
     * A role that works with no server at all (an embedded database): the kernel may use it where a route names no
     * system, e.g. as the key store of {@code policy.idempotency} without a {@code store}.
     */
    EMBEDDED
}
