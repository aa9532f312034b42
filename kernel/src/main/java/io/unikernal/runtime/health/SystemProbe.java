package io.unikernal.runtime.health;

/**
 * How the kernel sees whether a system an app uses (a database, a store, a listener) is usable. An adapter whose
 * system has a server contributes one probe per system as a bean (a model bean, so the YAML output declares it too;
 * {@link AbstractSystemProbe} holds the names). The kernel ({@link SystemHealth}) checks every probe once before the
 * app starts — a permanent failure stops the start with one line, a transient one is retried with back-off — and
 * reports each system as a health check at {@code /observe/health}. Adapters never schedule, retry or log this
 * themselves.
 */
public interface SystemProbe {

    /** The UDL system's name, e.g. {@code db}. */
    String system();

    /** The system's adapter, e.g. {@code postgres}: lines say {@code system db (postgres)}. */
    String adapter();

    /**
     * Looks at the system now — connects, authenticates, whatever proves it usable — within the client's own timeouts,
     * and never throws: a failure is a {@link ProbeResult} classified as transient or permanent. The kernel calls it
     * from one thread at a time.
     */
    ProbeResult check();

    /**
     * The check made once before anything of the app starts (routes, the HTTP listener): {@link #check()} unless the
     * system is something the app itself brings up, such as a port it is about to listen on.
     */
    default ProbeResult checkBeforeStart() {
        return check();
    }
}
