package io.unikernal.translate.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The installed translation kinds, found with {@link ServiceLoader}, in a stable order. */
public final class TranslationKinds {

    private final List<TranslationKind> kinds;

    private TranslationKinds(List<TranslationKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    public static TranslationKinds installed() {
        List<TranslationKind> found = new ArrayList<>();
        ServiceLoader.load(TranslationKind.class, TranslationKind.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(TranslationKind::protocol).thenComparing(TranslationKind::targetAdapter));
        return new TranslationKinds(found);
    }

    public List<TranslationKind> all() {
        return kinds;
    }

    /** The protocols some kind exposes, for {@code expose.protocol}'s allowed values. */
    public List<String> protocols() {
        return kinds.stream().map(TranslationKind::protocol).distinct().toList();
    }

    public Optional<TranslationKind> find(String protocol, String targetAdapter) {
        return kinds.stream().filter(k -> k.protocol().equals(protocol) && k.targetAdapter().equals(targetAdapter))
                .findFirst();
    }

    /** The adapters a protocol can call, for a hint. */
    public List<String> targetsOf(String protocol) {
        return kinds.stream().filter(k -> k.protocol().equals(protocol)).map(TranslationKind::targetAdapter).toList();
    }
}
