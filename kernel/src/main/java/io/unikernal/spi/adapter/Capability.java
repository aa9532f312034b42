package io.unikernal.spi.adapter;

/**
 * What a role can do, declared by the role and read by the kernel and the adapter contract suite
 * ({@link ContractCase}), so that neither ever decides by an adapter's name. Each capability says in words what a
 * role without it lacks, for the reference doc's "why this case does not run".
 */
public enum Capability {
    /** The system is a server process of its own (a database, a broker): it can be down, restart, refuse a login. */
    REMOTE_SERVER("is a server of its own", "has no server of its own (nothing to stop or restart)"),
    /**
     * The system's adapter contributes a {@code SystemProbe}: the kernel checks the system before the app starts (a
     * misconfiguration fails the start in one line, a server that is down is retried with back-off and reported at
     * {@code /observe/health}). Declared by the roles of a system that has one.
     */
    CHECKED_AT_START("is checked before the app starts", "is not checked before the app starts (each call finds out"
            + " on its own)"),
    /** A source that keeps messages the route has not finished, and offers them again after a restart. */
    DURABLE("keeps messages while the app is stopped", "keeps no messages while the app is stopped"),
    /** A source whose caller waits for the route's reply (HTTP): {@code reply:} makes sense on its routes. */
    REQUEST_REPLY("has a caller waiting for the reply", "has no caller waiting for a reply"),
    /**
     * A target that bounds a call by the route's timeout in its own client (connect and response timeouts), so the
     * kernel needs no time limiter (a thread hand-off per call) for it.
     */
    CLIENT_TIMEOUT("bounds a call in its own client", "bounds no call in its own client"),
    /**
     * A target that sends the call's idempotency key on to the target system (read with
     * {@code OutboundIdempotencyKey.of(exchange)}); only then does the compiler derive a key before each call.
     */
    SENDS_IDEMPOTENCY_KEY("sends the idempotency key", "sends no idempotency key"),
    /**
     * A role that works with no server at all (an embedded database): the kernel may use it where a route names no
     * system, e.g. as the key store of {@code policy.idempotency} without a {@code store}.
     */
    EMBEDDED("needs no server", "needs a server"),
    /**
     * The message's envelope (correlation id, schema name and version) travels in the protocol's own headers or
     * properties (HTTP headers, the Camel headers of an in-process hand-over), so it survives the hop.
     */
    NATIVE_HEADERS("carries the envelope in its own headers", "carries no headers (only the body)"),
    /**
     * A source that makes its own messages on a schedule (a timer) instead of receiving them: nothing can be sent to
     * it.
     */
    SCHEDULED("makes its own messages on a schedule: nothing can be sent to it",
            "receives its messages from a sender"),
    /**
     * The system is a device of this machine named by a path (a serial port): a path that does not exist when the app
     * starts is a wrong path — nothing brings it up by itself, as a server that is still starting would come up — so
     * the start fails; a device that goes away while the app runs is reported DOWN and opened again when it is back.
     */
    LOCAL_DEVICE("is a device of this machine, so a device missing at start is a wrong path, not one still starting",
            "is no device of this machine");

    private final String present;
    private final String absent;

    Capability(String present, String absent) {
        this.present = present;
        this.absent = absent;
    }

    /** What a role with this capability is like, completing "the source ...", e.g. "is a server of its own". */
    public String present() {
        return present;
    }

    /** What a role without this capability is like, completing "the target ...", e.g. "carries no headers". */
    public String absent() {
        return absent;
    }

    /** The capability in words, e.g. {@code native headers}. */
    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
