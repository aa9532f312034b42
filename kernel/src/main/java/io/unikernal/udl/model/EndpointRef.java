package io.unikernal.udl.model;

import java.util.Map;

/**
 * A use of a system as a source ({@code from}) or a target ({@code to}, {@code deadLetter}): the system's name plus
 * options that refine it for this use (for example {@code method}/{@code path} on http, {@code sql} on jdbc).
 * Written either as a bare name ({@code to: db}) or as a map ({@code to: {system: db, sql: "..."}}). A target's map may
 * hold a {@code policy} (null when absent) guarding calls to that target only.
 */
public record EndpointRef(String system, Map<String, OptionValue> options, PolicyDecl policy, SourcePos pos) {

    /** A use without a policy of its own. */
    public EndpointRef(String system, Map<String, OptionValue> options, SourcePos pos) {
        this(system, options, null, pos);
    }

    public OptionValue option(String key) {
        return options.get(key);
    }
}
