package io.unikernal.cli.fuzz;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.PolicySpec;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.Shape.Endpoint;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.Shape.NamedMap;
import io.unikernal.udl.spec.Shape.Role;
import io.unikernal.udl.spec.Shape.Struct;
import io.unikernal.udl.spec.Shape.Value;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates UDL documents from the language's declarations: the structs, keys and shapes of {@link UdlSpec} and
 * {@link PolicySpec}, and each installed adapter's {@link OptionSpec}s. Every optional key is included at random,
 * every value is one of its declared kind (an allowed value, the declared default or example, or a value drawn for
 * the kind); references pick declared names of the right role. A handful of rules the declarations cannot state
 * (a branch has when or otherwise, a route step has one of rules/weights/adaptive, fallback has one of to/reply)
 * keep most documents valid; those that are not are still fuzz input.
 */
final class UdlGenerator {

    /** What a generated document used: adapters, key kinds and struct keys, for the coverage report. */
    record Seen(Set<String> adapters, Set<ValueKind> kinds, Set<String> keys) {
        Seen() {
            this(new TreeSet<>(), EnumSet.noneOf(ValueKind.class), new TreeSet<>());
        }

        void addAll(Seen other) {
            adapters.addAll(other.adapters);
            kinds.addAll(other.kinds);
            keys.addAll(other.keys);
        }
    }

    private final Random rnd;
    private final Adapters adapters;
    private final Seen seen = new Seen();
    private final Map<String, Adapter> systems = new LinkedHashMap<>();
    private final List<String> schemas = new ArrayList<>();
    private final List<String> routes = new ArrayList<>();
    private final List<String> usedSources = new ArrayList<>();

    UdlGenerator(long seed, Adapters adapters) {
        this.rnd = new Random(seed);
        this.adapters = adapters;
    }

    Seen seen() {
        return seen;
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("udl", 8);
        doc.put("name", "app" + rnd.nextInt(1000));
        doc.put("systems", systems());
        if (rnd.nextBoolean()) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (int i = 0; i < 1 + rnd.nextInt(2); i++) {
                schemas.add("S" + i);
            }
            for (String name : schemas) {
                s.put(name, struct(UdlSpec.SCHEMA));
            }
            doc.put("schemas", s);
        }
        List<Object> r = new ArrayList<>();
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
            routes.add("r" + i);
        }
        for (String name : routes) {
            Map<String, Object> route = struct(UdlSpec.ROUTE);
            route.put("name", name);
            r.add(route);
        }
        doc.put("routes", r);
        if (rnd.nextInt(3) == 0) {
            List<Object> tests = new ArrayList<>();
            tests.add(struct(UdlSpec.TEST));
            doc.put("tests", tests);
        }
        return doc;
    }

    private Map<String, Object> systems() {
        List<Adapter> all = new ArrayList<>(adapters.all().values());
        Map<String, Object> out = new LinkedHashMap<>();
        int count = 2 + rnd.nextInt(5);
        for (int i = 0; i < count; i++) {
            // the first ones make sure a source and a target usable by name exist
            Adapter adapter = i == 0 ? pick(all.stream().filter(a -> a.source().isPresent()).toList())
                    : i == 1 ? pick(all.stream().filter(UdlGenerator::isFallbackTarget).toList()) : pick(all);
            String name = "s" + i;
            systems.put(name, adapter);
            seen.adapters.add(adapter.name());
            out.put(name, system(adapter));
        }
        return out;
    }

    /**
     * A declaration of the adapter whose options agree with each other: an adapter's own checks may tie options
     * together beyond what declarations say (kafka's user and password only with SASL), so a declaration its checks
     * refuse is drawn again, a few times at most.
     */
    private Map<String, Object> system(Adapter adapter) {
        Map<String, Object> sys = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            sys = new LinkedHashMap<>();
            sys.put("adapter", adapter.name());
            options(adapter.systemOptions(), sys);
            String alone = UdlParserFuzzTest.yaml(Map.of("udl", 8, "name", "one", "systems", Map.of("s", sys)), true);
            if (new io.unikernal.udl.parse.UdlParser(adapters).parse("one.udl.yaml", alone).problems().isEmpty()) {
                break;
            }
        }
        return sys;
    }

    private void options(List<Option<?>> options, Map<String, Object> into) {
        for (Option<?> option : options) {
            // secret options are references, and an adapter may need one with another option (redis user)
            if ((option.key().required() || option.key().secret() || !option.key().requires().isEmpty()
                    || rnd.nextInt(3) == 0) && !excluded(option, options, into)) {
                into.put(option.name(), option(option));
            }
        }
        // a key written needs the keys it requires (rabbitmq's exchangeType needs an exchange)
        for (Option<?> option : options) {
            if (into.containsKey(option.name())) {
                for (String needed : option.key().requires()) {
                    options.stream().filter(o -> o.name().equals(needed) && !into.containsKey(needed)).findFirst()
                            .ifPresent(o -> into.put(needed, option(o)));
                }
            }
        }
    }

    /** Whether a key already written and {@code option} exclude each other (nats' user and token). */
    private static boolean excluded(Option<?> option, List<Option<?>> options, Map<String, Object> into) {
        return option.key().excludes().stream().anyMatch(into::containsKey) || options.stream()
                .filter(o -> into.containsKey(o.name())).anyMatch(o -> o.key().excludes().contains(option.name()));
    }

    private Object option(Option<?> option) {
        UdlKey key = option.key();
        Value declared = (Value) key.shape();
        seen.kinds.add(option.kind());
        if (key.secret() || (!key.requires().isEmpty() && declared.allowed().isEmpty())) {
            // a key that needs another (redis user needs password) is written as a reference like a secret, unless
            // it takes only some values (a reference is not one of them)
            return "${secret:FUZZ_SECRET}";
        }
        if (!declared.allowed().isEmpty()) {
            return pick(declared.allowed());
        }
        if (key.defaultValue() != null && rnd.nextBoolean()) {
            return key.defaultValue();
        }
        if (option.kind() == ValueKind.STRING && key.example() != null) {
            return key.example();
        }
        return value(declared, option.name());
    }

    private Object shape(Shape shape, String key) {
        Shape resolved = io.unikernal.plugins.Language.installed().resolve(shape);
        if (resolved instanceof Value v) {
            return value(v, key);
        }
        if (resolved instanceof Struct s) {
            return struct(s);
        }
        if (resolved instanceof NamedMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < 1 + rnd.nextInt(2); i++) {
                String name = m.entryTitle().equals("system") ? pick(List.copyOf(systems.keySet())) : "f" + i;
                out.put(name, shape(m.value(), name));
            }
            return out;
        }
        if (resolved instanceof ListOf l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(2); i++) {
                out.add(shape(l.item(), key));
            }
            return out;
        }
        if (resolved instanceof Endpoint e) {
            return e.role() == Role.SOURCE ? source() : e.manyTargets() && rnd.nextInt(4) == 0
                    ? List.of(target(), target()) : target();
        }
        throw new IllegalStateException("no generator for " + resolved);
    }

    private Map<String, Object> struct(Struct struct) {
        seen.keys.add(struct.id());
        Map<String, Object> out = new LinkedHashMap<>();
        List<UdlKey> keys = struct.keys().stream().filter(k -> !k.isNotSupportedYet()).toList();
        if (struct.oneKey()) {
            UdlKey key = pick(keys);
            out.put(key.name(), shape(key.shape(), key.name()));
            seen.keys.add(struct.id() + "." + key.name());
            return rules(struct, out);
        }
        for (UdlKey key : keys) {
            if (key.required() || rnd.nextInt(3) == 0) {
                out.put(key.name(), shape(key.shape(), key.name()));
                seen.keys.add(struct.id() + "." + key.name());
            }
        }
        return rules(struct, out);
    }

    /** What the declarations cannot say: which keys exclude each other, how many targets, what a route may have. */
    private Map<String, Object> rules(Struct struct, Map<String, Object> out) {
        switch (struct.id()) {
            case "branch" -> {
                if (out.containsKey("otherwise")) {
                    out.keySet().retainAll(Set.of("otherwise"));
                } else {
                    out.put("when", "true");
                    out.putIfAbsent("to", target());
                }
            }
            case "route" -> {
                if (out.containsKey("from")) { // the route struct, not the route step
                    Adapter source = systems.get(systemOf(out.get("from")));
                    if (source == null || !replies(source)) {
                        out.remove("reply");
                    }
                    if (out.get("deadLetter") instanceof Map<?, ?> dl) {
                        out.put("deadLetter", dl.get("system"));
                    }
                    if (!out.containsKey("steps") && !out.containsKey("reply")) {
                        out.put("steps", List.of(Map.of("log", "x")));
                    }
                } else {
                    // a route step: rules, weights or adaptive, not together
                    String only = pick(List.of("rules", "weights", "adaptive"));
                    Object key = out.get("key");
                    out.clear();
                    out.put(only, only.equals("adaptive") ? struct(UdlSpec.ADAPTIVE)
                            : List.of(struct(only.equals("rules") ? UdlSpec.ROUTE_RULE : UdlSpec.WEIGHTED_TARGET)));
                    if (key != null && !only.equals("adaptive")) {
                        out.put("key", key);
                    }
                }
            }
            case "routeRule" -> out.put("when", "headers.region == 'eu'");
            case "adaptive" -> out.put("targets", List.of(plainTarget(), plainTarget()));
            case "fanOut" -> {
                out.put("to", List.of(target(), target()));
                if ("quorum".equals(out.get("join"))) {
                    out.put("quorum", 1 + rnd.nextInt(2));
                } else {
                    out.remove("quorum");
                }
            }
            case "fallback" -> out.keySet().retainAll(Set.of(out.containsKey("reply") ? "reply" : "to"));
            case "auth" -> {
                out.remove("keysFile");
                out.put("apiKeys", List.of(Map.of("id", "caller", "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "roles", List.of("writer"))));
                out.remove("roles");
            }
            case "rateLimit" -> out.remove("per");
            case "idempotency" -> {
                out.put("key", "headers.id");
                List<String> stores = systems.entrySet().stream().filter(e -> e.getValue().keyStore().isPresent())
                        .map(Map.Entry::getKey).toList();
                out.remove("store");
                if (!stores.isEmpty() && rnd.nextBoolean()) {
                    out.put("store", pick(stores));
                }
            }
            case "policy" -> {
                if (out.containsKey("rateLimit") && !out.containsKey("auth")) {
                    out.remove("rateLimit");
                }
            }
            case "test" -> {
                out.put("route", pick(routes));
                out.put("name", "t");
            }
            case "testExpect" -> out.remove("sent");
            case "field" -> {
                Object type = out.get("type");
                boolean numeric = List.of("int", "double", "decimal").contains(type);
                if (!numeric) {
                    out.remove("min");
                    out.remove("max");
                } else if (out.containsKey("min") && out.containsKey("max")) {
                    out.put("min", 0);
                    out.put("max", 100);
                }
                if (!"string".equals(type)) {
                    out.remove("pattern");
                }
                out.remove("enum");
                out.remove("default");
            }
            case "split" -> out.put("by", "[1, 2]");
            case "transform" -> out.remove("rename");
            case "step" -> {
                if (out.get("validate") != null && schemas.isEmpty()) {
                    out.clear();
                    out.put("log", "x");
                }
            }
            default -> {
            }
        }
        return out;
    }

    private Object value(Value v, String key) {
        seen.kinds.add(v.kind());
        if (!v.allowed().isEmpty()) {
            String chosen = pick(v.allowed());
            return v.kind() == ValueKind.INTEGER ? Integer.valueOf(chosen) : chosen;
        }
        return switch (v.kind()) {
            case STRING -> key.equals("rate") ? "10/s" : key.equals("sha256") ? "0".repeat(64)
                    : v.nameRule() == Shape.NameRule.ANY ? "text " + rnd.nextInt(100) : "n" + rnd.nextInt(100);
            case INTEGER -> v.range() == null ? 1 + rnd.nextInt(100)
                    : (int) Math.min(v.range().max(), v.range().min() + rnd.nextInt(3));
            case NUMBER -> rnd.nextBoolean() ? 2 : 1.5;
            case BOOLEAN -> rnd.nextBoolean();
            case DURATION -> pick(List.of("250ms", "2s", "5m", "1h"));
            case EXPRESSION -> List.of("when", "filter").contains(key) ? "true" : "'v'";
            case SYSTEM_REF -> plainTarget();
            case SCHEMA_REF -> schemas.isEmpty() ? "S0" : pick(schemas);
            case ROUTE_REF -> pick(routes);
            case STRING_LIST -> List.of("a", "b");
            case STRING_MAP -> Map.of("X-Fuzz", "v");
            case ANY -> Map.of("id", "a1", "n", 1);
        };
    }

    private Object source() {
        List<String> free = systems.entrySet().stream().filter(e -> e.getValue().source().isPresent())
                .map(Map.Entry::getKey).filter(n -> !usedSources.contains(n) || isHttp(n)).toList();
        if (free.isEmpty()) {
            return "s0";
        }
        String name = pick(free);
        usedSources.add(name);
        Map<String, Object> use = new LinkedHashMap<>();
        use.put("system", name);
        options(Adapters.sourceOptions(systems.get(name)), use);
        if (isHttp(name)) {
            use.put("path", "/p" + usedSources.size());
            use.remove("method");
        }
        return use.size() == 1 && rnd.nextBoolean() ? name : use;
    }

    private boolean isHttp(String system) {
        return replies(systems.get(system));
    }

    /** A target in any form; options of the use as the adapter declares them. */
    private Object target() {
        List<String> targets = targets();
        if (targets.isEmpty()) {
            return "s1";
        }
        String name = pick(targets);
        Adapter adapter = systems.get(name);
        Map<String, Object> use = new LinkedHashMap<>();
        use.put("system", name);
        options(Adapters.targetOptions(adapter), use);
        if (rnd.nextInt(4) == 0) {
            use.put("policy", struct(PolicySpec.TARGET_POLICY));
        }
        return use.size() == 1 && rnd.nextBoolean() ? name : use;
    }

    /** A target usable by name alone (no option it needs in each use). */
    private String plainTarget() {
        List<String> plain = targets().stream().filter(n -> Adapters.targetOptions(systems.get(n)).stream()
                .noneMatch(o -> o.key().required())).toList();
        return plain.isEmpty() ? "s1" : pick(plain);
    }

    /**
     * Targets that no route generated so far consumes: a route never sends to the source of itself or of an earlier
     * route, so routes cannot feed each other in a loop.
     */
    private List<String> targets() {
        return systems.entrySet().stream().filter(e -> e.getValue().target().isPresent())
                .map(Map.Entry::getKey).filter(n -> !usedSources.contains(n)).toList();
    }

    private static String systemOf(Object endpoint) {
        return endpoint instanceof Map<?, ?> m ? String.valueOf(m.get("system")) : String.valueOf(endpoint);
    }

    private <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    /**
     * s1, the target a route falls back to when every other is taken: usable by name alone, and no source (a route
     * sending to its own source would be a loop).
     */
    private static boolean isFallbackTarget(Adapter adapter) {
        return adapter.source().isEmpty() && adapter.target().isPresent()
                && Adapters.targetOptions(adapter).stream().noneMatch(o -> o.key().required());
    }

    private static boolean replies(Adapter adapter) {
        return adapter.source().map(r -> r.has(io.unikernal.spi.adapter.Capability.REQUEST_REPLY)).orElse(false);
    }
}
