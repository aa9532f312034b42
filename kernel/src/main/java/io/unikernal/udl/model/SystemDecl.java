package io.unikernal.udl.model;

import java.util.Map;

/** An entry of {@code systems:}: a named use of an adapter with its options. */
public record SystemDecl(String name, String adapter, Map<String, OptionValue> options, SourcePos pos,
        SourcePos adapterPos) {

    public OptionValue option(String key) {
        return options.get(key);
    }
}
