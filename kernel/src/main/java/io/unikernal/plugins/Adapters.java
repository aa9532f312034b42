package io.unikernal.plugins;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.spec.Option;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The adapters installed on a class path, by name. Loading checks what the adapters declare together: names and
 * problem codes are unique ({@link ProblemCodes}).
 */
public final class Adapters {

    private final Map<String, Adapter> byName;
    private final ProblemCodes problemCodes;

    private Adapters(Map<String, Adapter> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problemCodes = ProblemCodes.of(byName.values());
    }

    public static Adapters installed() {
        return installed(Thread.currentThread().getContextClassLoader());
    }

    public static Adapters installed(ClassLoader loader) {
        Map<String, Adapter> found = new TreeMap<>();
        for (Adapter adapter : ServiceLoader.load(Adapter.class, loader)) {
            Adapter previous = found.putIfAbsent(adapter.name(), adapter);
            if (previous != null && previous.getClass() != adapter.getClass()) {
                throw new IllegalStateException("two adapters are named '" + adapter.name() + "': "
                        + previous.getClass().getName() + " and " + adapter.getClass().getName());
            }
        }
        return new Adapters(found);
    }

    public static Adapters of(Adapter... adapters) {
        Map<String, Adapter> map = new TreeMap<>();
        for (Adapter a : adapters) {
            if (map.put(a.name(), a) != null) {
                throw new IllegalArgumentException("two adapters are named '" + a.name() + "'");
            }
        }
        return new Adapters(map);
    }

    public Adapter get(String name) {
        return byName.get(name);
    }

    /** All adapters, sorted by name. */
    public Map<String, Adapter> all() {
        return byName;
    }

    /** The names of the adapters that pass {@code test}, sorted. */
    public List<String> names(Predicate<Adapter> test) {
        return byName.values().stream().filter(test).map(Adapter::name).toList();
    }

    /** The kernel's codes and every adapter's, checked unique. */
    public ProblemCodes problemCodes() {
        return problemCodes;
    }

    /**
     * The adapter whose key store needs no server ({@link io.unikernal.spi.adapter.Capability#EMBEDDED}): where a
     * route that names no idempotency store keeps its keys. The first by name when several offer one.
     */
    public java.util.Optional<Adapter> embeddedKeyStore() {
        return byName.values().stream().filter(a -> a.keyStore().map(k -> k.capabilities()
                .contains(io.unikernal.spi.adapter.Capability.EMBEDDED)).orElse(false)).findFirst();
    }

    /** The options of {@code from: {system: x, ...}} for a system of this adapter; none if it is no source. */
    public static List<Option<?>> sourceOptions(Adapter adapter) {
        return adapter.source().map(SourceRole::options).orElse(List.of());
    }

    /** The options of {@code to: {system: x, ...}} for a system of this adapter; none if it is no target. */
    public static List<Option<?>> targetOptions(Adapter adapter) {
        return adapter.target().map(TargetRole::options).orElse(List.of());
    }
}
