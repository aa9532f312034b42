package io.unikernal.compile.secrets;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.runtime.SecretMaskingFormatter;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.notation.Placeholders;
import java.util.Map;

/** What the compiled app needs so that secrets never reach a log line. */
public final class SecretMasking {

    private SecretMasking() {
    }

    /**
     * Secrets never reach a log line: Camel's log EIP and log component mask through {@link SecretMaskingFormatter}.
     */
    public static void maskLogs(DefaultCompileContext ctx) {
        ctx.addProperty("camel.main.logMask", "true");
        ctx.addBean(org.apache.camel.spi.MaskingFormatter.CUSTOM_LOG_MASK_REF, SecretMaskingFormatter.class,
                Map.of());
    }

    /**
     * Lists in {@value UdlRuntime#SECRET_ENV_PROPERTY} the environment variables that hold secrets — those in a
     * secret option, and any read anywhere in the file whose name says so ({@code DB_PASSWORD}) — so the runtime
     * registers their values for masking before the app starts. Call after everything else is compiled.
     */
    public static void listSecretEnvNames(UdlDocument doc, DefaultCompileContext ctx) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (SystemDecl system : doc.systems().values()) {
            Adapter adapter = ctx.adapters().get(system.adapter());
            if (adapter == null) {
                continue;
            }
            adapter.systemOptions().stream().filter(o -> o.key().secret())
                    .map(o -> system.option(o.name())).filter(java.util.Objects::nonNull)
                    .forEach(value -> names.addAll(Placeholders.envNames(value.asString())));
            // options an adapter does not read in this run (test mode) still name the app's secrets
            system.options().values().forEach(value -> ctx.noteSecretEnvNames(value.asString()));
        }
        names.addAll(ctx.secretEnvNames());
        if (!names.isEmpty()) {
            ctx.addProperty(UdlRuntime.SECRET_ENV_PROPERTY, String.join(",", names));
        }
    }
}
