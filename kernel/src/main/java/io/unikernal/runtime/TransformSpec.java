package io.unikernal.runtime;

import java.util.List;
import java.util.Map;

/** A {@code transform:} step as its processor receives it (JSON in the compiled output). */
public record TransformSpec(Map<String, String> set, List<String> remove, Map<String, String> rename) {
    public TransformSpec {
        set = set == null ? Map.of() : set;
        remove = remove == null ? List.of() : remove;
        rename = rename == null ? Map.of() : rename;
    }
}
