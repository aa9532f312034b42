package io.unikernal.plugins;

import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.model.Step;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The step kinds installed on a class path — the kernel's core steps and every plug-in's — by key and by model type.
 * Two kinds with one key, or with one model type, are refused when they load.
 */
public final class StepKinds {

    private final Map<String, StepKind<?>> byName;
    private final Map<Class<?>, StepKind<?>> byType;

    private StepKinds(Collection<StepKind<?>> kinds) {
        Map<String, StepKind<?>> names = new LinkedHashMap<>();
        Map<Class<?>, StepKind<?>> types = new LinkedHashMap<>();
        for (StepKind<?> kind : kinds) {
            StepKind<?> previous = names.putIfAbsent(kind.name(), kind);
            if (previous != null && previous.getClass() != kind.getClass()) {
                throw new IllegalStateException("two step kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
            StepKind<?> sameType = types.putIfAbsent(kind.modelType(), kind);
            if (sameType != null && sameType.getClass() != kind.getClass()) {
                throw new IllegalStateException("step kinds '" + sameType.name() + "' and '" + kind.name()
                        + "' bind the same model type " + kind.modelType().getName());
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(names);
        this.byType = types;
    }

    private static volatile StepKinds installed;

    /** The kinds found by {@link ServiceLoader} from the kernel's class loader (core and plug-ins), loaded once. */
    public static StepKinds installed() {
        StepKinds kinds = installed;
        if (kinds == null) {
            List<StepKind<?>> found = new java.util.ArrayList<>();
            for (StepKind<?> kind : ServiceLoader.load(StepKind.class, StepKinds.class.getClassLoader())) {
                found.add(kind);
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != StepKinds.class.getClassLoader()) {
                for (StepKind<?> kind : ServiceLoader.load(StepKind.class, context)) {
                    found.add(kind);
                }
            }
            kinds = new StepKinds(found);
            installed = kinds;
        }
        return kinds;
    }

    public static StepKinds of(List<StepKind<?>> kinds) {
        return new StepKinds(kinds);
    }

    /** All kinds, in the order they were found (the core steps first). */
    public Collection<StepKind<?>> all() {
        return byName.values();
    }

    public StepKind<?> get(String name) {
        return byName.get(name);
    }

    /** The kind that binds this step's model. */
    @SuppressWarnings("unchecked")
    public <S extends Step> StepKind<S> of(S step) {
        StepKind<?> kind = byType.get(step.getClass());
        if (kind == null) {
            throw new IllegalStateException("no step kind binds " + step.getClass().getName());
        }
        return (StepKind<S>) kind;
    }
}
