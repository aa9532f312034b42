package io.unikernal.adapter;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The adapters installed on a class path, by name. */
public final class Adapters {

    private final Map<String, Adapter> byName;

    private Adapters(Map<String, Adapter> byName) {
        this.byName = Collections.unmodifiableMap(byName);
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
            map.put(a.name(), a);
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
}
