package io.unikernal.spi.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A listener several systems of one app share (one HTTP server per app): every system of the {@code group} must
 * declare the same {@code settings} (option name → value text, defaults included, null when neither); {@code hint}
 * says why and how to fix a difference, {@code notes} add to it per setting.
 */
public record SharedListener(String group, Map<String, String> settings, String hint, Map<String, String> notes) {

    public SharedListener {
        Objects.requireNonNull(group, "group");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // values may be null
        Objects.requireNonNull(hint, "hint");
        notes = Map.copyOf(notes);
    }

    /** The hint for a difference in {@code setting}: {@code hint} with {@code {setting}} replaced, plus its note. */
    public String hintFor(String setting) {
        String note = notes.get(setting);
        return hint.replace("{setting}", setting) + (note == null ? "" : " " + note);
    }
}
