package io.unikernal.testkit.tls;

import java.util.Locale;
import java.util.UUID;

/**
 * A secret of a test's own: a value under a name unique to the run, as the system property
 * {@code unikernal.secret.NAME} the runtime resolves {@code ${secret:NAME}} from, until {@link #close()}.
 */
public final class TestSecret implements AutoCloseable {

    private final String name;

    private TestSecret(String name, String value) {
        this.name = name;
        System.setProperty(property(), value);
    }

    /** Sets {@code value} under a fresh name that starts with {@code prefix}. */
    public static TestSecret of(String prefix, String value) {
        return new TestSecret(prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT),
                value);
    }

    public String name() {
        return name;
    }

    /** How UDL writes it: {@code ${secret:NAME}}. */
    public String reference() {
        return "${secret:" + name + "}";
    }

    /** How the compiled files hold it: {@code {{secret:NAME}}}. */
    public String placeholder() {
        return "{{secret:" + name + "}}";
    }

    private String property() {
        return "unikernal.secret." + name;
    }

    @Override
    public void close() {
        System.clearProperty(property());
    }
}
