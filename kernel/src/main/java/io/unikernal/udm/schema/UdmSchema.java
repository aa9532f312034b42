package io.unikernal.udm.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named, versioned UDM schema: an ordered list of {@link UdmField}s describing the top-level members of a
 * message body. Members not declared are allowed and kept (schemas describe what a route relies on, not
 * everything a sender may add). Immutable; build with {@link #builder(String, int)}.
 */
public final class UdmSchema {
    private final String name;
    private final int version;
    private final List<UdmField> fields;
    private final Map<String, UdmField> byName;

    private UdmSchema(String name, int version, List<UdmField> fields) {
        this.name = name;
        this.version = version;
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        Map<String, UdmField> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Starts a schema; name non-blank, version >= 1. */
    public static Builder builder(String name, int version) {
        return new Builder(name, version);
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** Fields in declaration order. */
    public List<UdmField> fields() {
        return fields;
    }

    /** Fields by name, in declaration order. */
    public Map<String, UdmField> fieldsByName() {
        return byName;
    }

    public Optional<UdmField> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdmSchema s && name.equals(s.name) && version == s.version && fields.equals(s.fields);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return name + "@" + version + byName.keySet();
    }

    /** Builder for {@link UdmSchema}. */
    public static final class Builder {
        private final String name;
        private final int version;
        private final Map<String, UdmField> fields = new LinkedHashMap<>();

        private Builder(String name, int version) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("schema name must be non-blank, was '" + name + "'");
            }
            if (version < 1) {
                throw new IllegalArgumentException("schema '" + name + "' version must be >= 1, was " + version);
            }
            this.name = name;
            this.version = version;
        }

        /** Adds a field; names must be unique and no field may be renamed from another field's current name. */
        public Builder field(UdmField field) {
            if (fields.containsKey(field.name())) {
                throw new IllegalArgumentException("schema '" + name + "': field '" + field.name() + "' is declared twice");
            }
            fields.put(field.name(), field);
            return this;
        }

        /** Adds a field built from {@code builder}. */
        public Builder field(UdmField.Builder builder) {
            return field(builder.build());
        }

        public UdmSchema build() {
            for (UdmField f : fields.values()) {
                if (f.renamedFrom() != null && fields.containsKey(f.renamedFrom())) {
                    throw new IllegalArgumentException("schema '" + name + "': field '" + f.name() + "' is renamedFrom '"
                            + f.renamedFrom() + "', which is also a current field");
                }
            }
            return new UdmSchema(name, version, new ArrayList<>(fields.values()));
        }
    }
}
