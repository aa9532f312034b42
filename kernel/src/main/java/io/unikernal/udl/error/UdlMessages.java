package io.unikernal.udl.error;

import static io.unikernal.udl.error.UdlErrorCode.*;

import io.unikernal.udl.model.SourcePos;
import java.util.Collection;
import java.util.List;

/**
 * Every message the UDL front end shows a user, in one place: each method builds the {@link UdlError} of one failure
 * kind (code, position, message naming the bad key or value, and a hint naming the fix).
 */
public final class UdlMessages {

    private static final String REFERENCE_FORMS = "write ${env:NAME}, ${env:NAME:default} or ${secret:NAME}";

    private UdlMessages() {
    }

    private static String list(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    // ---- YAML level

    public static UdlError yamlSyntax(SourcePos pos, String problem) {
        return UdlError.error(YAML_SYNTAX, pos, "invalid YAML: " + problem,
                "check the indentation and the quoting around this place");
    }

    public static UdlError aliasNotAllowed(SourcePos pos, String alias) {
        return UdlError.error(YAML_LIMIT, pos, "YAML aliases are not allowed in UDL (*" + alias + ")",
                "write the value out; UDL files stay alias-free so every value has one place");
    }

    public static UdlError tagNotAllowed(SourcePos pos, String tag) {
        return UdlError.error(YAML_LIMIT, pos, "YAML tag '" + tag + "' is not allowed in UDL",
                "remove the tag; UDL uses plain YAML values (strings, numbers, booleans, maps, lists)");
    }

    public static UdlError mergeKeyNotAllowed(SourcePos pos) {
        return UdlError.error(YAML_LIMIT, pos, "the YAML merge key '<<' is not allowed in UDL",
                "UDL reads YAML's core schema only: write the keys out (quote it, \"<<\", if it is meant as a key)");
    }

    /** The last problem of a file that has more than {@code shown}: how many more there are. */
    public static UdlError moreProblems(SourcePos pos, long more, int shown) {
        return UdlError.error(UdlErrorCode.TOO_MANY_PROBLEMS, pos, "and " + more + " more problems from here on ("
                + "only the first " + shown + " are shown)", "fix these first: the rest often follow from them");
    }

    public static UdlError moreWarnings(SourcePos pos, long more, int shown) {
        return UdlError.warning(UdlErrorCode.TOO_MANY_PROBLEMS, pos, "and " + more + " more warnings from here on ("
                + "only the first " + shown + " problems are shown)", null);
    }

    public static UdlError tooDeep(SourcePos pos, int limit) {
        return UdlError.error(YAML_LIMIT, pos, "the file nests deeper than " + limit + " levels",
                "flatten the structure; UDL never needs this depth");
    }

    public static UdlError tooLarge(SourcePos pos, int limit) {
        return UdlError.error(YAML_LIMIT, pos, "the file is larger than " + limit + " characters",
                "split the app into several UDL files");
    }

    public static UdlError emptyFile(SourcePos pos) {
        return UdlError.error(EMPTY_FILE, pos, "the file is empty", "start with 'udl: 8' and 'name: my-app'");
    }

    public static UdlError notAMap(SourcePos pos, String found) {
        return UdlError.error(EMPTY_FILE, pos, "a UDL file must be a map of sections, not " + found,
                "start with 'udl: 8' and 'name: my-app'");
    }

    public static UdlError fileNotFound(SourcePos pos, String file) {
        return UdlError.error(FILE_NOT_FOUND, pos, "file '" + file + "' cannot be read", "check the path");
    }

    // ---- keys and values

    public static UdlError duplicateKey(SourcePos pos, String key, int firstLine) {
        return UdlError.error(DUPLICATE_KEY, pos, "duplicate key '" + key + "' (first at line " + firstLine + ")",
                "remove one of them; in UDL a later key never silently wins");
    }

    public static UdlError unknownKey(SourcePos pos, String key, String where, List<String> allowed) {
        return UdlError.error(UNKNOWN_KEY, pos, "unknown key '" + key + "' in " + where
                + DidYouMean.suffix(key, allowed), "allowed keys: " + list(allowed));
    }

    /** An unknown key whose hint is more telling than the list of allowed keys. */
    public static UdlError unknownKey(SourcePos pos, String key, String where, List<String> allowed, String hint) {
        return UdlError.error(UNKNOWN_KEY, pos, "unknown key '" + key + "' in " + where
                + DidYouMean.suffix(key, allowed), hint);
    }

    public static UdlError unknownOption(SourcePos pos, String key, String adapter, String use, List<String> allowed) {
        return UdlError.error(UNKNOWN_KEY, pos, "unknown option '" + key + "' for adapter '" + adapter + "'"
                + (use.isEmpty() ? "" : " in " + use) + DidYouMean.suffix(key, allowed),
                "options of '" + adapter + "'" + (use.isEmpty() ? "" : " in " + use) + ": " + list(allowed));
    }

    public static UdlError missingKey(SourcePos pos, String where, String key, String description, String example) {
        return UdlError.error(MISSING_KEY, pos, where + " is missing required key '" + key + "'",
                description + (example == null ? "" : " Example: " + key + ": " + example));
    }

    /**
     * A use of a system (in from, to, a rule...) lacks an option its adapter requires in every such use; the
     * option's example (may be null) and description (may be empty) go into the hint.
     */
    public static UdlError missingUseOption(SourcePos pos, String system, String adapter, String role,
            String option, String example, String description) {
        String key = role.equals("source") ? "from" : "to";
        return UdlError.error(MISSING_KEY, pos, "system '" + system + "' (adapter " + adapter + ") needs option '"
                + option + "' in each use as a " + role, "write " + key + ": {system: " + system + ", "
                + option + ": " + (example == null ? "..." : "\"" + example + "\"") + "}"
                + (description.isEmpty() ? "" : "; " + option + ": " + description));
    }

    /** A value that does not match its option's declared pattern; {@code rule} says what it must look like. */
    public static UdlError patternMismatch(ProblemCode code, SourcePos pos, String key, String value, String rule) {
        return UdlError.error(code, pos, key + " '" + value + "' is not " + rule, "write " + key + " as " + rule
                + " (or as a ${env:NAME} reference)");
    }

    /** An option that only makes sense with another one of the same map, written without it. */
    public static UdlError optionRequires(SourcePos pos, String key, String value, String needed) {
        return UdlError.error(MISSING_KEY, pos, key + " '" + value + "' needs '" + needed + "' too",
                "add " + needed + ", or leave " + key + " out");
    }

    public static UdlError wrongType(SourcePos pos, String key, String expected, String found, String example) {
        return UdlError.error(WRONG_TYPE, pos, "'" + key + "' must be " + expected + ", not " + found,
                example == null ? null : "example: " + key + ": " + example);
    }

    public static UdlError badValue(UdlErrorCode code, SourcePos pos, String key, String value, List<String> allowed) {
        return UdlError.error(code, pos, "'" + key + "' must be one of " + list(allowed) + ", not '" + value + "'"
                + DidYouMean.suffix(value, allowed), null);
    }

    public static UdlError outOfRange(ProblemCode code, SourcePos pos, String key, long value, long min, long max) {
        return UdlError.error(code, pos, "'" + key + "' must be " + (max == Integer.MAX_VALUE ? min + " or more"
                : "between " + min + " and " + max) + ", not " + value, null);
    }

    public static UdlError unknownFieldType(SourcePos pos, String type, List<String> types) {
        return UdlError.error(UNKNOWN_FIELD_TYPE, pos, "unknown field type '" + type + "'"
                + DidYouMean.suffix(type, types), "field types: " + list(types));
    }

    public static UdlError badUdlVersion(SourcePos pos, String found) {
        return UdlError.error(BAD_UDL_VERSION, pos, "this parser reads udl: 8, the file says udl: " + found,
                "write 'udl: 8' and check the file against docs/udl-reference.md");
    }

    public static UdlError missingUdlVersion(SourcePos pos) {
        return UdlError.error(BAD_UDL_VERSION, pos, "the file does not say 'udl: 8'",
                "add 'udl: 8' as the first line");
    }

    public static UdlError badDuration(SourcePos pos, String key, String value) {
        return UdlError.error(BAD_DURATION, pos, "'" + key + "' is not a duration: '" + value + "'",
                "write a whole number and a unit: 250ms, 2s, 5m, 1h, 1d");
    }

    /** {@code noun} is e.g. "name", "system name", "field name". */
    public static UdlError badName(SourcePos pos, String noun, String name, String rule) {
        return UdlError.error(BAD_NAME, pos, "'" + name + "' is not a valid " + noun, "names " + rule);
    }

    public static UdlError notSupportedYet(SourcePos pos, String key, String hint) {
        return UdlError.error(NOT_SUPPORTED_YET, pos, "'" + key + "' is not supported yet", hint);
    }

    public static UdlError conflictingKeys(SourcePos pos, String first, String second, String hint) {
        return UdlError.error(CONFLICTING_KEYS, pos, "'" + first + "' and '" + second + "' cannot be used together",
                hint);
    }

    // ---- steps

    public static UdlError unknownStep(SourcePos pos, String kind, List<String> kinds) {
        return UdlError.error(UNKNOWN_STEP, pos, "unknown step '" + kind + "'" + DidYouMean.suffix(kind, kinds),
                "step kinds: " + list(kinds));
    }

    public static UdlError stepWithoutKind(SourcePos pos, List<String> kinds) {
        return UdlError.error(UNKNOWN_STEP, pos, "a step needs one kind, this one has none",
                "write one of: " + list(kinds) + ", e.g. '- validate: Order'");
    }

    public static UdlError stepWithSeveralKinds(SourcePos pos, List<String> found) {
        return UdlError.error(UNKNOWN_STEP, pos, "a step has one kind, this one has " + found.size() + ": "
                + list(found), "make each kind its own list item: '- " + found.get(0) + ": ...' then '- "
                + found.get(1) + ": ...'");
    }

    public static UdlError emptyRoute(SourcePos pos, String route) {
        return UdlError.error(EMPTY_STEPS, pos, "route '" + route + "' has no steps and no reply",
                "add steps (e.g. 'steps: [{to: some-system}]') or a reply");
    }

    public static UdlError emptyBranch(SourcePos pos) {
        return UdlError.error(EMPTY_STEPS, pos, "this branch has no steps", "add 'to: some-system' or 'steps: [...]'");
    }

    // ---- references

    public static UdlError badReference(SourcePos pos, String reference, String problem) {
        return UdlError.error(BAD_REFERENCE, pos, "malformed reference '" + reference + "': " + problem,
                REFERENCE_FORMS);
    }

    /** {@code where}: the Camel simple template, e.g. "log step" or "option 'fileName' of system 'out'". */
    public static UdlError logReachesSecrets(SourcePos pos, String where, String function, String reason,
            String hint) {
        return UdlError.error(UdlErrorCode.LOG_REACHES_SECRETS, pos, where + ": '" + function + "' " + reason, hint);
    }

    public static UdlError secretInReply(SourcePos pos, String header, String reference) {
        return UdlError.error(UdlErrorCode.SECRET_IN_REPLY, pos, "reply header '" + header + "' would send the secret "
                + reference + " to the caller", "remove the header, or use a variable whose value is not secret");
    }

    /** An error, or a warning when literal secrets are allowed for development ({@code --allow-literal-secrets}). */
    public static UdlError plainSecret(SourcePos pos, String option, String system, boolean allowed) {
        String message = "option '" + option + "' of system '" + system + "' holds a literal secret";
        String hint = "write ${secret:NAME} or ${env:NAME} so the value stays out of the file";
        return allowed ? UdlError.warning(PLAIN_SECRET, pos, message, hint)
                : UdlError.error(PLAIN_SECRET, pos, message, hint + " (for development only, "
                        + "--allow-literal-secrets makes this a warning)");
    }

    public static UdlError unknownAdapter(SourcePos pos, String adapter, Collection<String> installed) {
        return UdlError.error(UNKNOWN_ADAPTER, pos, "unknown adapter '" + adapter + "'"
                + DidYouMean.suffix(adapter, installed), "installed adapters: " + list(installed));
    }

    /** An adapter users ask for that is not supported: why, and what supporting it would need. */
    public static UdlError unsupportedAdapter(SourcePos pos, String adapter, String title, String why,
            String needed) {
        return UdlError.error(UNKNOWN_ADAPTER, pos, "adapter '" + adapter + "' (" + title + ") is not supported: "
                + why, "see docs/adapters/not-supported.md; supporting it needs " + needed);
    }

    public static UdlError unknownSystem(SourcePos pos, String name, Collection<String> declared) {
        return UdlError.error(UNKNOWN_SYSTEM, pos, "unknown system '" + name + "'"
                + DidYouMean.suffix(name, declared), "declared systems: " + list(declared));
    }

    public static UdlError unknownSchema(SourcePos pos, String name, Collection<String> declared) {
        return UdlError.error(UNKNOWN_SCHEMA, pos, "unknown schema '" + name + "'"
                + DidYouMean.suffix(name, declared), "declared schemas: " + list(declared));
    }

    public static UdlError unknownRoute(SourcePos pos, String name, Collection<String> declared) {
        return UdlError.error(UNKNOWN_ROUTE, pos, "unknown route '" + name + "'"
                + DidYouMean.suffix(name, declared), "declared routes: " + list(declared));
    }

    public static UdlError duplicateName(SourcePos pos, String what, String name, int firstLine) {
        return UdlError.error(DUPLICATE_NAME, pos, what + " '" + name + "' is declared twice (first at line "
                + firstLine + ")", "give each " + what + " its own name");
    }

    // ---- schemas

    public static UdlError minAboveMax(SourcePos pos, String field, String min, String max) {
        return UdlError.error(BAD_FIELD_BOUNDS, pos, "field '" + field + "': min " + min + " is greater than max "
                + max, "swap them or fix one");
    }

    public static UdlError boundsOnNonNumeric(SourcePos pos, String field, String type) {
        return UdlError.error(BAD_FIELD_BOUNDS, pos, "field '" + field + "': min and max apply to int, double and "
                + "decimal fields, not " + type, "remove min/max or change the type");
    }

    public static UdlError badPattern(SourcePos pos, String field, String pattern, String problem) {
        return UdlError.error(BAD_PATTERN, pos, "field '" + field + "': pattern '" + pattern
                + "' is not a regular expression: " + problem, "patterns use Java regular expression syntax");
    }

    public static UdlError patternOnNonString(SourcePos pos, String field, String type) {
        return UdlError.error(BAD_PATTERN, pos, "field '" + field + "': pattern applies to string fields, not "
                + type, "remove the pattern or change the type to string");
    }

    /** A key that must name a body field or header is not such a path; {@code problem} says why. */
    public static UdlError badFieldPath(SourcePos pos, String key, String problem) {
        return UdlError.error(BAD_VALUE, pos, "'" + key + "' is not a field path: " + problem,
                "name a body field by its dotted path (customer.id) or a header as headers.name");
    }

    public static UdlError badFieldValue(SourcePos pos, String field, String problem) {
        return UdlError.error(BAD_VALUE, pos, "field '" + field + "': " + problem, null);
    }

    // ---- expressions

    public static UdlError expressionSyntax(SourcePos pos, String message) {
        return UdlError.error(EXPRESSION_SYNTAX, pos, "expression does not parse: " + message,
                "expressions are CEL, e.g. amount > 1000 && status == 'new'");
    }

    public static UdlError expressionType(SourcePos pos, String message) {
        int candidates = message.indexOf(" (candidates:");
        String shown = candidates > 0 ? message.substring(0, candidates) : message;
        return UdlError.error(EXPRESSION_TYPE, pos, "expression does not type-check: " + shown,
                CelTypeHints.hint(shown));
    }

    public static UdlError expressionUnknownField(SourcePos pos, String message, String schema) {
        return UdlError.error(EXPRESSION_UNKNOWN_FIELD, pos, message, schema == null ? null
                : "the message was validated against schema '" + schema + "'; add the field there or fix the name");
    }

    public static UdlError expressionNotBoolean(SourcePos pos, String where, String type) {
        return UdlError.error(EXPRESSION_NOT_BOOLEAN, pos, "the " + where + " condition must yield a boolean, not "
                + type, "compare the value, e.g. amount > 0");
    }

    // ---- systems and routes

    public static UdlError notASource(SourcePos pos, String system, String adapter, Collection<String> sources) {
        return UdlError.error(NOT_A_SOURCE, pos, "system '" + system + "' (adapter " + adapter
                + ") cannot be a source", "adapters that can be sources: " + list(sources));
    }

    public static UdlError notATarget(SourcePos pos, String system, String adapter, Collection<String> targets) {
        return UdlError.error(NOT_A_TARGET, pos, "system '" + system + "' (adapter " + adapter
                + ") cannot be a target", "adapters that can be targets: " + list(targets));
    }

    /** Two systems of one shared listener (the app's http server) disagree on one of its settings. */
    public static UdlError listenerConflict(SourcePos pos, String group, String system, String key, String value,
            String other, String otherValue, int otherLine, String hint) {
        return UdlError.error(LISTENER_CONFLICT, pos, group + " system '" + system + "' uses " + key + " " + value
                + ", but '" + other + "' (line " + otherLine + ") uses " + otherValue, hint);
    }

    public static UdlError duplicateEndpoint(SourcePos pos, String route, String other, String endpoint) {
        return UdlError.error(DUPLICATE_ENDPOINT, pos, "routes '" + other + "' and '" + route + "' both consume "
                + endpoint, "merge them into one route with choose, or give one its own endpoint");
    }

    public static UdlError replyWithoutCaller(SourcePos pos, String route, String system, String adapter) {
        return UdlError.error(REPLY_WITHOUT_CALLER, pos, "route '" + route + "' has a reply, but its source '"
                + system + "' (adapter " + adapter + ") has no caller waiting for one",
                "remove reply, or send the result on with 'to:'");
    }

    public static UdlError routeCycle(SourcePos pos, List<String> cycle) {
        return UdlError.error(ROUTE_CYCLE, pos, "routes feed each other in a loop: " + String.join(" -> ", cycle),
                "break the loop: a route must not send, directly or through other routes, to the system it "
                        + "consumes");
    }

    public static UdlError badStatus(SourcePos pos, long status) {
        return UdlError.error(BAD_STATUS, pos, "HTTP status " + status + " is outside 100..599",
                "use a status such as 200, 201, 202 or 204");
    }

    // ---- policies

    public static UdlError badRate(SourcePos pos, String rate) {
        return UdlError.error(BAD_RATE, pos, "rate '" + rate + "' is not a number of permits per unit",
                "write permits/unit with unit s, m or h, e.g. 100/s or 600/m");
    }

    /** The value is never repeated: it may be a real key written by mistake. */
    public static UdlError badKeyHash(SourcePos pos, String id) {
        return UdlError.error(BAD_KEY_HASH, pos, "the sha256 of API key '" + id
                        + "' is not 64 lowercase hex digits (its value is not shown)",
                "write the key's hash, never the key: printf %s \"$KEY\" | sha256sum");
    }

    public static UdlError policyNeedsKeys(SourcePos pos, String route, String what) {
        return UdlError.error(POLICY_NEEDS_KEYS, pos, "route '" + route + "': " + what,
                "add policy.auth with apiKeys or keysFile, so callers have identities");
    }

    public static UdlError notAKeyStore(SourcePos pos, String system, String adapter, Collection<String> stores) {
        return UdlError.error(NOT_A_KEY_STORE, pos, "system '" + system + "' (adapter " + adapter
                + ") cannot keep processed keys", "an idempotency store is a system of an adapter that keeps keys: "
                + list(stores));
    }

    /** A route without a store needs the adapter of the embedded default, which is not installed. */
    public static UdlError noDefaultKeyStore(SourcePos pos, String route, Collection<String> stores) {
        return UdlError.error(NOT_A_KEY_STORE, pos, "route '" + route + "' names no idempotency store, and no "
                + "installed adapter offers an embedded one (the jdbc adapter's H2 does)",
                "name a store: a system of an adapter that keeps keys: " + list(stores));
    }

    public static UdlError engineFallback(SourcePos pos, String route, String engine) {
        return UdlError.warning(UdlErrorCode.ENGINE_FALLBACK, pos, "route '" + route + "' asks for engine " + engine
                + ", but this choose has a condition that is not a simple field test, so the choose runs on CEL",
                "engine conditions are field == 'text', field <op> number (== < <= > >=), field.startsWith('x'),"
                        + " field in ['a', 'b'], joined by &&; fields are body paths or headers.x");
    }

    public static UdlError routeRuleNotSimple(SourcePos pos) {
        return UdlError.error(UdlErrorCode.ROUTE_RULE_NOT_SIMPLE, pos, "this rule is not a simple field test, so the "
                + "routing engine cannot decide it", "write field == 'text', field <op> number (== < <= > >=), "
                + "field.startsWith('x') or field in ['a', 'b'], joined by &&; or use choose for other conditions");
    }

    public static UdlError tooFewTargets(SourcePos pos, String what, int needed, int found) {
        return UdlError.error(UdlErrorCode.TOO_FEW_TARGETS, pos, what + " needs " + needed + " or more targets, "
                + "this one has " + found, needed == 2 && found < 2 ? "add a target, or send with 'to: system' alone"
                        : "add targets, or lower the quorum");
    }
}
