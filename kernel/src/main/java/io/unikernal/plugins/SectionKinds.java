package io.unikernal.plugins;

import io.unikernal.spi.section.SectionKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The top-level section kinds plug-ins contribute, by key; two with one key are refused when they load. */
public final class SectionKinds {

    private final Map<String, SectionKind<?>> byName;

    private SectionKinds(Iterable<SectionKind<?>> kinds) {
        Map<String, SectionKind<?>> names = new LinkedHashMap<>();
        for (SectionKind<?> kind : kinds) {
            SectionKind<?> previous = names.putIfAbsent(kind.name(), kind);
            if (previous != null && previous.getClass() != kind.getClass()) {
                throw new IllegalStateException("two section kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(names);
    }

    private static volatile SectionKinds installed;

    public static SectionKinds installed() {
        SectionKinds kinds = installed;
        if (kinds == null) {
            java.util.List<SectionKind<?>> found = new java.util.ArrayList<>();
            ServiceLoader.load(SectionKind.class, SectionKinds.class.getClassLoader()).forEach(found::add);
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != SectionKinds.class.getClassLoader()) {
                ServiceLoader.load(SectionKind.class, context).forEach(found::add);
            }
            kinds = new SectionKinds(found);
            installed = kinds;
        }
        return kinds;
    }

    public static SectionKinds of(java.util.List<SectionKind<?>> kinds) {
        return new SectionKinds(kinds);
    }

    public Collection<SectionKind<?>> all() {
        return byName.values();
    }

    public SectionKind<?> get(String name) {
        return byName.get(name);
    }
}
