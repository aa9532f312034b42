package io.unikernal.udl.doc;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.ContractCase;
import io.unikernal.spi.adapter.Role;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an installed adapter is, in one structure read from its declarations: its info, roles with their capabilities
 * and options, its problem codes, the contract cases that run for it (and why the others do not), and its worked
 * example. {@code unikernal adapters --json} prints it, and {@link AdapterPage} writes {@code docs/adapters/<name>.md}
 * from it, so the two cannot tell different stories.
 */
public final class AdapterCatalog {

    /** Where an adapter's module keeps its worked example: a complete UDL app using it. */
    public static String examplePath(String adapter) {
        return "META-INF/unikernal/examples/" + adapter + ".udl.yaml";
    }

    private AdapterCatalog() {
    }

    /** The adapter's worked example, from its own jar; empty when its module ships none. */
    public static Optional<String> example(Adapter adapter) {
        ClassLoader loader = adapter.getClass().getClassLoader();
        try (InputStream in = loader.getResourceAsStream(examplePath(adapter.name()))) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example of adapter '" + adapter.name() + "'", e);
        }
    }

    /** The roles the adapter offers, by the words UDL and the docs use ({@code source}, {@code key store}). */
    public static Map<String, Set<Capability>> roles(Adapter adapter) {
        Map<String, Set<Capability>> roles = new LinkedHashMap<>();
        adapter.source().ifPresent(r -> roles.put("source", r.capabilities()));
        adapter.target().ifPresent(r -> roles.put("target", r.capabilities()));
        adapter.keyStore().ifPresent(r -> roles.put("key store", r.capabilities()));
        adapter.checkpointStore().ifPresent(r -> roles.put("checkpoint store", Set.of()));
        return roles;
    }

    /** The whole description as plain maps and lists, in a stable order (for JSON). */
    public static Map<String, Object> describe(Adapter adapter) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", adapter.name());
        d.put("description", adapter.info().description());
        d.put("artifact", adapter.info().artifact());
        d.put("systemOptions", options(adapter.systemOptions()));
        Map<String, Object> roles = new LinkedHashMap<>();
        adapter.source().ifPresent(r -> roles.put("source", role(r)));
        adapter.target().ifPresent(r -> roles.put("target", role(r)));
        adapter.keyStore().ifPresent(r -> roles.put("keyStore", Map.of("capabilities", words(r.capabilities()))));
        adapter.checkpointStore().ifPresent(r -> roles.put("checkpointStore", Map.of()));
        d.put("roles", roles);
        List<Map<String, Object>> codes = new ArrayList<>();
        for (ProblemCode code : adapter.problemCodes()) {
            codes.add(Map.of("code", code.tag(), "meaning", code.summary()));
        }
        d.put("problemCodes", codes);
        List<String> runs = new ArrayList<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        for (ContractCase c : ContractCase.values()) {
            String name = c.role().words() + ": " + c.title();
            c.whyNot(adapter).ifPresentOrElse(why -> notRun.put(name, why), () -> runs.add(name));
        }
        d.put("contractCases", Map.of("run", runs, "notRun", notRun));
        d.put("example", example(adapter).orElse(null));
        return d;
    }

    private static Map<String, Object> role(Role role) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("capabilities", words(role.capabilities()));
        r.put("options", options(role.options()));
        return r;
    }

    static List<String> words(Set<Capability> capabilities) {
        return capabilities.stream().sorted().map(Capability::words).toList();
    }

    private static List<Map<String, Object>> options(List<Option<?>> options) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Option<?> option : options) {
            UdlKey key = option.key();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", key.name());
            o.put("kind", UdlReferenceGenerator.kind(key.shape()));
            o.put("required", key.required());
            o.put("default", key.defaultValue() == null ? null : String.valueOf(key.defaultValue()));
            o.put("secret", key.secret());
            o.put("requires", key.requires());
            o.put("excludes", key.excludes());
            o.put("description", key.description());
            o.put("example", key.example());
            list.add(o);
        }
        return list;
    }

    /** {@code source, target} — the roles in a few words, for one-line listings. */
    public static String roleWords(Adapter adapter) {
        return String.join(", ", roles(adapter).keySet()).toLowerCase(Locale.ROOT);
    }
}
