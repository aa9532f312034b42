package io.unikernal.testkit.contract;

/**
 * A system declared wrong on purpose — a wrong password, an unknown host, a database that does not exist — for the
 * "bad endpoint fails at start" case: the app's start must fail with one line,
 * {@code system sut (<adapter>) cannot start: <cause>...}. Choose a mistake retrying cannot mend (a port nobody
 * listens on is "down", not wrong: the kernel retries it).
 */
public interface MisconfiguredPeer extends SystemPeer {

    /** Text the one-line failure must contain after {@code cannot start: }, e.g. {@code password authentication}. */
    String cause();

    /** A peer that is only a declaration; {@code use} may be null. */
    static MisconfiguredPeer of(String system, String use, String cause) {
        return of(system, use, cause, () -> {
        });
    }

    /** The same, with what to undo once the case is over (e.g. clearing the wrong secret it registered). */
    static MisconfiguredPeer of(String system, String use, String cause, AutoCloseable cleanUp) {
        return new MisconfiguredPeer() {
            @Override
            public String system() {
                return system;
            }

            @Override
            public String use() {
                return use;
            }

            @Override
            public String cause() {
                return cause;
            }

            @Override
            public void close() throws Exception {
                cleanUp.close();
            }
        };
    }
}
