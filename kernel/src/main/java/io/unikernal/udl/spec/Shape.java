package io.unikernal.udl.spec;

import io.unikernal.udl.error.UdlErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a UDL value: what the parser accepts at one place of the file, what the JSON Schema declares there and
 * what the reference doc describes. {@link UdlSpec} builds the whole tree once.
 */
public sealed interface Shape {

    /** A scalar (or, for {@link ValueKind#STRING_LIST}/{@link ValueKind#STRING_MAP}/{@link ValueKind#ANY}, a small collection). */
    record Value(ValueKind kind, List<String> allowed, NameRule nameRule, UdlErrorCode badValueCode, Range range,
            TextPattern pattern) implements Shape {
        public Value {
            allowed = List.copyOf(allowed);
        }

        public static Value of(ValueKind kind) {
            return new Value(kind, List.of(), NameRule.ANY, UdlErrorCode.BAD_VALUE, null, null);
        }

        public Value allowed(List<String> values, UdlErrorCode code) {
            return new Value(kind, values, nameRule, code, range, pattern);
        }

        public Value named(NameRule rule) {
            return new Value(kind, allowed, rule, badValueCode, range, pattern);
        }

        /** Restricts an INTEGER to {@code min..max} (inclusive); a value outside is reported with {@code code}. */
        public Value range(long min, long max, UdlErrorCode code) {
            return new Value(kind, allowed, nameRule, badValueCode, new Range(min, max, code), pattern);
        }

        /** Requires the whole text to match {@code regex}; {@code rule} says in words what it must look like. */
        public Value pattern(String regex, String rule) {
            return new Value(kind, allowed, nameRule, badValueCode, range,
                    new TextPattern(java.util.regex.Pattern.compile(regex), rule));
        }
    }

    /** An inclusive integer range and the code of a value outside it. */
    record Range(long min, long max, UdlErrorCode code) {
    }

    /** A regular expression the whole text of a value must match, and the rule in words for the hint. */
    record TextPattern(java.util.regex.Pattern regex, String rule) {
        public boolean accepts(String text) {
            return text != null && regex.matcher(text).matches();
        }
    }

    /**
     * A map with fixed keys. With {@code oneKey} exactly one of the keys must be present (a step: its one key is its
     * kind).
     */
    record Struct(String id, String title, String description, List<UdlKey> keys, boolean oneKey) implements Shape {
        public Struct {
            keys = List.copyOf(keys);
        }

        public Optional<UdlKey> key(String name) {
            return keys.stream().filter(k -> k.name().equals(name)).findFirst();
        }

        /** The keys a user may write (not-yet keys excluded), for hints. */
        public List<String> usableKeyNames() {
            return keys.stream().filter(k -> !k.isNotSupportedYet()).map(UdlKey::name).toList();
        }

        public List<String> keyNames() {
            return keys.stream().map(UdlKey::name).toList();
        }
    }

    /** A map whose keys are names the user chooses (systems, schemas, fields, headers) and whose values share a shape. */
    record NamedMap(String entryTitle, NameRule nameRule, Shape value) implements Shape {
    }

    /** A list whose items share a shape. */
    record ListOf(Shape item) implements Shape {
    }

    /** A named definition of {@link UdlSpec#definitions()}, for recursive shapes (steps inside branches). */
    record Ref(String id) implements Shape {
    }

    /** An entry of {@code systems:}: {@code adapter:} plus the options the adapter declares. */
    record SystemEntry() implements Shape {
    }

    /**
     * A use of a system: a bare name, or a map {@code {system: x, ...options}} whose options are the adapter's source
     * or target options; with {@code manyTargets} also a list of those (a parallel fan-out).
     */
    record Endpoint(Role role, boolean manyTargets) implements Shape {
    }

    /** Where a system is used. */
    enum Role { SOURCE, TARGET }

    /** What a user-chosen name must look like. */
    enum NameRule {
        ANY(null, "any text"),
        /** route, system, schema and app names: become Camel ids, bean names and file names */
        IDENTIFIER("[A-Za-z][A-Za-z0-9_-]*", "start with a letter and use only letters, digits, '-' and '_'"),
        /** schema fields: become CEL variables, so no '-' */
        FIELD("[A-Za-z_][A-Za-z0-9_]*", "start with a letter or '_' and use only letters, digits and '_' (fields are CEL variables)");

        private final String regex;
        private final String rule;

        NameRule(String regex, String rule) {
            this.regex = regex;
            this.rule = rule;
        }

        public boolean accepts(String name) {
            return regex == null || (name != null && name.matches(regex));
        }

        /** The rule in words, for hints. */
        public String rule() {
            return rule;
        }

        public String regex() {
            return regex;
        }
    }
}
