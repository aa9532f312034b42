package io.unikernal.spi.adapter;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cases of the adapter contract suite (module {@code kernel-testkit}): each concerns one role and runs for an
 * adapter when that role is offered and declares the capabilities the case needs and none that rule it out. The
 * suite selects its cases with {@link #whyNot}, and the reference doc lists the same answer per adapter, so the two
 * cannot drift; neither ever looks at an adapter's name.
 */
public enum ContractCase {

    SOURCE_OPEN_CLOSE(Role.SOURCE, "open and close", Set.of(), Set.of(),
            "An app with a route on the source starts, one message passes, and the app stops; then the same from the"
                    + " emitted YAML on plain Camel Main.",
            "every source"),
    SOURCE_EVERY_MESSAGE_ONCE(Role.SOURCE, "every message once", Set.of(), Set.of(Capability.SCHEDULED),
            "A batch of messages with unique ids (50; fewer through a peer that is slow by design), sent natively, each"
                    + " reach the route exactly once.",
            "a source that receives its messages from a sender"),
    SOURCE_UDM_ROUND_TRIP(Role.SOURCE, "UDM round trip", Set.of(Capability.NATIVE_HEADERS),
            Set.of(Capability.SCHEDULED),
            "The body and the correlation id a sender puts in the native message are the route's UDM body and"
                    + " correlation id.",
            "a source with native headers"),
    SOURCE_REPLY(Role.SOURCE, "reply", Set.of(Capability.REQUEST_REPLY), Set.of(),
            "The caller gets the route's final body as the reply, with the correlation id it sent where the"
                    + " protocol carries headers.",
            "a request/reply source"),
    SOURCE_KEEPS_MESSAGES_WHILE_STOPPED(Role.SOURCE, "kept while the app is stopped", Set.of(Capability.DURABLE),
            Set.of(),
            "Messages sent while the app is stopped are delivered once it starts again, and none delivered before"
                    + " comes again.",
            "a durable source"),
    SOURCE_SERVER_RESTART(Role.SOURCE, "server restart", Set.of(Capability.REMOTE_SERVER), Set.of(),
            "The source's private server is stopped and started while the app runs: messages sent before and after"
                    + " all reach the route, none twice.",
            "a source on a server of its own"),

    TARGET_OPEN_CLOSE(Role.TARGET, "open and close", Set.of(), Set.of(),
            "An app with a route calling the target starts, one message reaches the peer, and the app stops; then the"
                    + " same from the emitted YAML on plain Camel Main.",
            "every target"),
    TARGET_EVERY_MESSAGE_ONCE(Role.TARGET, "every message once", Set.of(), Set.of(),
            "A batch of messages with unique ids (50; fewer through a peer that is slow by design) each reach the peer"
                    + " exactly once.",
            "every target"),
    TARGET_UDM_ROUND_TRIP(Role.TARGET, "UDM round trip", Set.of(Capability.NATIVE_HEADERS), Set.of(),
            "The peer gets the body and, in its native headers, the correlation id and the schema name and version"
                    + " the route's validate step set.",
            "a target with native headers"),
    TARGET_HEADER_FILTER(Role.TARGET, "header filter", Set.of(Capability.NATIVE_HEADERS, Capability.REMOTE_SERVER),
            Set.of(),
            "Credential headers (Authorization, X-Api-Key, Cookie) and Camel* headers on the message never reach the"
                    + " peer; the envelope does.",
            "a target with native headers on a server of its own"),
    TARGET_SERVER_RESTART(Role.TARGET, "server restart", Set.of(Capability.REMOTE_SERVER), Set.of(),
            "The peer's private server is stopped and started while the app runs: messages sent while it is down are"
                    + " delivered by the route's retry policy once it is back, as are later ones; none lost, none"
                    + " twice.",
            "a target on a server of its own"),

    KEY_STORE_SEMANTICS(Role.KEY_STORE, "processed-keys semantics", Set.of(), Set.of(),
            "The store keeps the semantics every store shares: a key is in flight until confirmed and forgotten when"
                    + " removed, an expired lease is taken over, of 20 copies at once exactly one is new, and a"
                    + " failed message can be retried under Camel's idempotent consumer.",
            "every key store"),
    KEY_STORE_DUPLICATES_SKIPPED(Role.KEY_STORE, "idempotent route", Set.of(), Set.of(),
            "A route whose policy.idempotency keeps its keys in the system processes a repeated id once.",
            "every key store"),
    KEY_STORE_SERVER_RESTART(Role.KEY_STORE, "server restart", Set.of(Capability.REMOTE_SERVER), Set.of(),
            "While the store's private server is down, recording a key fails (it is never taken for a duplicate);"
                    + " once the server is back, keys done before are still done and new ones are recorded.",
            "a key store on a server of its own"),

    BAD_ENDPOINT_FAILS_AT_START(Role.SYSTEM, "bad endpoint fails at start",
            Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START), Set.of(),
            "A wrong host, port or credential fails the app's start with the system's name and the cause in one"
                    + " line and no Java exception text, in process and from the emitted YAML.",
            "a system on a server of its own that is checked at start"),
    DOWN_AT_START_RETRIED(Role.SYSTEM, "down at start is retried",
            Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START), Set.of(Capability.LOCAL_DEVICE),
            "A private server that is down when the app starts: the app starts, health reports the system DOWN with"
                    + " the cause, and once the server is started it is UP by itself and a message passes; in"
                    + " process and from the emitted YAML.",
            "a system on a server of its own that is checked at start");

    /** The role a case concerns; {@link #SYSTEM}: the system as a whole, whichever of its roles declares. */
    public enum Role {
        SOURCE("source"), TARGET("target"), KEY_STORE("key store"), SYSTEM("system");

        private final String words;

        Role(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** The capabilities of each of the adapter's roles this case may look at; empty when it offers none. */
        List<Set<Capability>> capabilities(Adapter adapter) {
            return switch (this) {
                case SOURCE -> adapter.source().map(r -> List.of(r.capabilities())).orElse(List.of());
                case TARGET -> adapter.target().map(r -> List.of(r.capabilities())).orElse(List.of());
                case KEY_STORE -> adapter.keyStore().map(r -> List.of(r.capabilities())).orElse(List.of());
                case SYSTEM -> java.util.stream.Stream.of(SOURCE, TARGET, KEY_STORE)
                        .flatMap(role -> role.capabilities(adapter).stream()).toList();
            };
        }
    }

    private final Role role;
    private final String title;
    private final Set<Capability> needs;
    private final Set<Capability> ruledOutBy;
    private final String checks;
    private final String appliesWhen;

    ContractCase(Role role, String title, Set<Capability> needs, Set<Capability> ruledOutBy, String checks,
            String appliesWhen) {
        this.role = role;
        this.title = title;
        this.needs = needs.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(needs);
        this.ruledOutBy = ruledOutBy.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(ruledOutBy);
        this.checks = checks;
        this.appliesWhen = appliesWhen;
    }

    public Role role() {
        return role;
    }

    /** A few words, e.g. {@code header filter}. */
    public String title() {
        return title;
    }

    /** The capabilities the role must declare. */
    public Set<Capability> needs() {
        return Set.copyOf(needs);
    }

    /** Capabilities that make the case meaningless for a role that declares one (a scheduled source takes no input). */
    public Set<Capability> ruledOutBy() {
        return Set.copyOf(ruledOutBy);
    }

    /** What the case proves, one sentence. */
    public String checks() {
        return checks;
    }

    /** One line: which roles the case runs for. */
    public String appliesWhen() {
        return appliesWhen;
    }

    /**
     * Why the case does not run for {@code adapter}, or empty when it does: the role is not offered, lacks a
     * capability the case needs, or declares one that rules it out.
     */
    public Optional<String> whyNot(Adapter adapter) {
        List<Set<Capability>> roles = role.capabilities(adapter);
        if (roles.isEmpty()) {
            return Optional.of(notOffered(role));
        }
        if (roles.stream().noneMatch(declared -> declared.containsAll(needs))) {
            Set<Capability> declared = roles.stream().flatMap(Set::stream).collect(Collectors.toSet());
            // what no role declares; when each need is declared by some role but none declares all, all of them
            List<Capability> missing = needs.stream().filter(c -> !declared.contains(c)).toList();
            return Optional.of("the " + role.words() + " " + (missing.isEmpty() ? List.copyOf(needs) : missing)
                    .stream().map(Capability::absent).collect(Collectors.joining(" and ")));
        }
        Optional<Capability> ruledOut = ruledOutBy.stream().filter(c -> roles.stream().allMatch(d -> d.contains(c)))
                .findFirst();
        if (ruledOut.isPresent()) {
            return Optional.of("the " + role.words() + " " + ruledOut.get().present());
        }
        return Optional.empty();
    }

    /** The reason a case of {@code role} does not run for an adapter that offers no such role. */
    public static String notOffered(Role role) {
        return "it is no " + role.words();
    }

    /** True when the suite runs the case for {@code adapter}. */
    public boolean runsFor(Adapter adapter) {
        return whyNot(adapter).isEmpty();
    }
}
