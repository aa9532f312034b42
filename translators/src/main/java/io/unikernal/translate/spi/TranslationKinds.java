package io.unikernal.translate.spi;

import io.unikernal.udl.spec.UdlKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

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

    /** The keys the kinds add to an item, one per name (the first declaration wins), in the kinds' order. */
    public List<UdlKey> itemKeys() {
        return keysOf(TranslationKind::itemKeys);
    }

    public List<UdlKey> exposeKeys() {
        return keysOf(TranslationKind::exposeKeys);
    }

    public List<UdlKey> targetKeys() {
        return keysOf(TranslationKind::targetKeys);
    }

    private List<UdlKey> keysOf(Function<TranslationKind, List<UdlKey>> declared) {
        Map<String, UdlKey> keys = new LinkedHashMap<>();
        kinds.forEach(kind -> declared.apply(kind).forEach(key -> keys.putIfAbsent(key.name(), key)));
        return List.copyOf(keys.values());
    }

    /** The adapters a protocol can call, for a hint. */
    public List<String> targetsOf(String protocol) {
        return kinds.stream().filter(k -> k.protocol().equals(protocol)).map(TranslationKind::targetAdapter).toList();
    }
}
