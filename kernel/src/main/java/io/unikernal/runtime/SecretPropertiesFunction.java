package io.unikernal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Resolves {@code {{secret:NAME}}}: from the file {@code NAME} in {@code $UNIKERNAL_SECRETS_DIR} (default
 * {@code /run/secrets}, as Docker and Kubernetes mount them), else from the environment variable {@code NAME}, else
 * from the system property {@code unikernal.secret.NAME}. The value is never logged, and it is registered with
 * {@link SecretMasker} so no log line or error message shows it; a missing secret fails start-up with a message
 * naming where it was looked for.
 */
@org.apache.camel.spi.annotations.PropertiesFunction("secret")
public final class SecretPropertiesFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "secret";
    }

    @Override
    public String apply(String name) {
        String value = resolve(name);
        SecretMasker.registerSecret(value);
        return value;
    }

    private static String resolve(String name) {
        String dir = System.getenv().getOrDefault("UNIKERNAL_SECRETS_DIR", "/run/secrets");
        Path file = Path.of(dir, name);
        if (Files.isRegularFile(file)) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("secret '" + name + "': cannot read " + file, e);
            }
        }
        String env = System.getenv(name);
        if (env != null) {
            return env;
        }
        String property = System.getProperty("unikernal.secret." + name);
        if (property != null) {
            return property;
        }
        throw new IllegalArgumentException("secret '" + name + "' is not set: put it in " + file
                + ", or in the environment variable " + name + ", or in the system property unikernal.secret." + name);
    }
}
