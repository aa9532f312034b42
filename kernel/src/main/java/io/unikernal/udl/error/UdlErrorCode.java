package io.unikernal.udl.error;

/**
 * Every user-facing UDL error has a code. The code's name appears in messages as {@code [UDL-NNN]} so users can look
 * it up in docs/udl-reference.md; numbers never change meaning once released.
 */
public enum UdlErrorCode implements ProblemCode {
    YAML_SYNTAX(1, "the file is not valid YAML"),
    YAML_LIMIT(2, "the file exceeds a safety limit (size, depth, aliases) or uses a forbidden YAML feature"),
    DUPLICATE_KEY(3, "a key appears twice in the same map"),
    UNKNOWN_KEY(4, "a key that UDL does not know at this place"),
    MISSING_KEY(5, "a required key is missing"),
    WRONG_TYPE(6, "a value has the wrong type (e.g. a list where a string is expected)"),
    BAD_VALUE(7, "a value is not one of the allowed values"),
    BAD_DURATION(8, "a duration is malformed (use 250ms, 2s, 5m, 1h)"),
    BAD_UDL_VERSION(9, "the udl version is missing or not 8"),
    BAD_NAME(10, "a name is not a valid identifier"),
    UNKNOWN_ADAPTER(11, "a system names an adapter that is not installed"),
    UNKNOWN_SYSTEM(12, "a reference to a system that is not declared"),
    UNKNOWN_SCHEMA(13, "a reference to a schema that is not declared"),
    UNKNOWN_ROUTE(14, "a reference to a route that is not declared"),
    DUPLICATE_NAME(15, "two routes or tests have the same name"),
    UNKNOWN_FIELD_TYPE(16, "a schema field has an unknown type"),
    BAD_FIELD_BOUNDS(17, "a schema field's min is greater than its max, or bounds on a non-numeric field"),
    BAD_PATTERN(18, "a schema field's pattern is not a valid regular expression"),
    EXPRESSION_SYNTAX(19, "a CEL expression does not parse"),
    EXPRESSION_TYPE(20, "a CEL expression does not type-check against the schema"),
    EXPRESSION_UNKNOWN_FIELD(21, "a CEL expression names a field the schema does not have"),
    EXPRESSION_NOT_BOOLEAN(22, "a condition (when, filter) does not yield a boolean"),
    NOT_SUPPORTED_YET(23, "a UDL feature that this version does not build yet"),
    UNKNOWN_STEP(24, "a step kind that UDL does not know, or a step with more than one kind"),
    EMPTY_STEPS(25, "a route or branch has no steps and no reply"),
    ROUTE_CYCLE(26, "routes feed each other in a loop through direct/seda systems"),
    NOT_A_SOURCE(27, "the system's adapter cannot be used in from"),
    NOT_A_TARGET(28, "the system's adapter cannot be used in to"),
    LISTENER_CONFLICT(29, "systems that share one listener (all http systems of an app) declare different settings"
            + " (port, host, body limit)"),
    DUPLICATE_ENDPOINT(30, "two routes consume the same endpoint (same http method and path, same queue)"),
    REPLY_WITHOUT_CALLER(31, "a reply is declared on a route whose source has no caller to reply to"),
    BAD_REFERENCE(32, "a ${env:...} or ${secret:...} reference is malformed"),
    PLAIN_SECRET(33, "a secret option holds a literal value instead of a ${secret:NAME} or ${env:NAME} reference "
            + "(a warning only under the CLI's --allow-literal-secrets, for development)"),
    BAD_STATUS(34, "an HTTP status is outside 100..599"),
    FILE_NOT_FOUND(35, "a file the UDL names (init script, ...) does not exist"),
    BAD_OPTION(36, "an adapter option's value is not usable (e.g. a JDBC URL without jdbc:, a path without a leading /)"),
    EMPTY_FILE(37, "the file is empty or holds no map"),
    CONFLICTING_KEYS(38, "two keys that exclude each other are both present (e.g. when and otherwise in one branch)"),
    BAD_RATE(39, "a rate limit's rate is not a whole number of permits per s, m or h (e.g. 100/s)"),
    BAD_KEY_HASH(40, "an API key's sha256 is not 64 lowercase hex digits (the key itself must never be written)"),
    POLICY_NEEDS_KEYS(41, "a policy part needs callers' identities (roles, rateLimit per caller) or auth names no key"),
    ENGINE_FALLBACK(42, "warning: a choose condition of a route with an engine is not a simple field test, so it runs on CEL"),
    ROUTE_RULE_NOT_SIMPLE(43, "a rule of a route step is not a simple field test the routing engine can decide"),
    TOO_FEW_TARGETS(44, "a step that chooses among or joins targets has too few of them (adaptive route, fanOut, quorum)"),
    NOT_A_KEY_STORE(45, "an idempotency store is a system whose adapter cannot keep processed keys"),
    TOO_MANY_PROBLEMS(46, "the file has more than 100 problems: the first 100 are shown, then how many more there are"),
    LOG_REACHES_SECRETS(50, "a log step (or another Camel simple template, e.g. a file name) uses a function the "
            + "secret masking cannot see through (environment, system properties, credential headers, beans)"),
    SECRET_IN_REPLY(51, "a reply header holds a secret: ${secret:NAME}, or ${env:NAME} whose name says it is secret");

    /** The namespace of the kernel's own codes. */
    public static final String NAMESPACE = "UDL";

    private final int number;
    private final String summary;

    UdlErrorCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    public int number() {
        return number;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String tag() {
        return String.format("UDL-%03d", number);
    }
}
