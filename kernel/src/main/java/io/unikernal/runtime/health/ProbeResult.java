package io.unikernal.runtime.health;

import java.util.Objects;

/**
 * What a {@link SystemProbe} found: the system is up, or down for a cause that is either transient — the system is
 * not there yet and may appear by itself (connection refused, a timeout, a server still starting) — or permanent —
 * the app is configured wrong and retrying cannot help (authentication failed, an unknown host, a database that does
 * not exist, another protocol on that port). A permanent failure says what to fix.
 */
public record ProbeResult(Status status, String cause, String fix) {

    public enum Status {
        UP, DOWN_TRANSIENT, DOWN_PERMANENT
    }

    private static final ProbeResult UP = new ProbeResult(Status.UP, null, null);

    public ProbeResult {
        Objects.requireNonNull(status, "status");
        if (status != Status.UP && (cause == null || cause.isBlank())) {
            throw new IllegalArgumentException("a system that is down needs a cause");
        }
        cause = oneLine(cause);
        fix = oneLine(fix);
    }

    public static ProbeResult up() {
        return UP;
    }

    /** Down for now; the kernel tries again with back-off. */
    public static ProbeResult unavailable(String cause) {
        return new ProbeResult(Status.DOWN_TRANSIENT, cause, null);
    }

    /** Down until the configuration changes; {@code fix} says what to check, e.g. {@code check the user and password}. */
    public static ProbeResult misconfigured(String cause, String fix) {
        return new ProbeResult(Status.DOWN_PERMANENT, cause, fix);
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    public boolean isPermanent() {
        return status == Status.DOWN_PERMANENT;
    }

    /** The cause, then the fix after a dash: {@code role "x" does not exist — check the user and password}. */
    public String describe() {
        if (isUp()) {
            return "up";
        }
        return fix == null ? cause : cause + " — " + fix;
    }

    /** Drivers' messages may span lines; a log line, a health message and the CLI's error are one line each. */
    private static String oneLine(String text) {
        return text == null ? null : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
