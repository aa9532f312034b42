package io.unikernal.kamelets;

import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The UDL text a catalog Kamelet is compiled from: each option it exposes written as {@code ${env:NAME:default}}
 * (a secret as {@code ${secret:NAME}}), one option a line, so a problem the parser reports at a line names the
 * option that caused it.
 */
final class SyntheticUdl {

    /** The value kinds a Kamelet property can carry as one text placeholder. */
    static final Set<ValueKind> SCALAR = Set.of(ValueKind.STRING, ValueKind.INTEGER, ValueKind.NUMBER,
            ValueKind.BOOLEAN, ValueKind.DURATION);

    /** Where the options go: on the system declaration or on its use in {@code from:} / {@code to:}. */
    enum Place { SYSTEM, USE }

    record Exposed(Place place, Option<?> option) {
        String name() {
            return option.name();
        }

        UdlKey key() {
            return option.key();
        }
    }

    private final StringBuilder text = new StringBuilder("udl: 8\nname: kamelet\n");
    private final Map<Integer, Exposed> lines = new LinkedHashMap<>();

    static boolean exposable(Option<?> option) {
        UdlKey key = option.key();
        return !key.isNotSupportedYet() && SCALAR.contains(key.kind()) && (key.required() || key.defaultValue() != null);
    }

    /** The JSON-Schema type of an option's Kamelet property. */
    static String jsonType(ValueKind kind) {
        return switch (kind) {
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }

    SyntheticUdl line(String line) {
        text.append(line).append('\n');
        return this;
    }

    /** Writes the exposed options of one place at the given indentation. */
    SyntheticUdl options(List<Exposed> exposed, Place place, String indent) {
        for (Exposed e : exposed) {
            if (e.place() != place) {
                continue;
            }
            lines.put(lineCount() + 1, e);
            text.append(indent).append(e.name()).append(": ").append(quoted(reference(e.key()))).append('\n');
        }
        return this;
    }

    private int lineCount() {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    private static String reference(UdlKey key) {
        if (key.secret()) {
            return "${secret:" + key.name() + "}";
        }
        return key.defaultValue() == null ? "${env:" + key.name() + "}"
                : "${env:" + key.name() + ":" + key.defaultValue() + "}";
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The option written on that line, if any. */
    Exposed at(int line) {
        return lines.get(line);
    }

    String text() {
        return text.toString();
    }

    static List<Exposed> expose(List<Option<?>> system, List<Option<?>> use) {
        List<Exposed> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Option<?> o : system) {
            if (exposable(o) && names.add(o.name())) {
                out.add(new Exposed(Place.SYSTEM, o));
            }
        }
        for (Option<?> o : use) {
            if (!o.name().equals("system") && exposable(o) && names.add(o.name())) {
                out.add(new Exposed(Place.USE, o));
            }
        }
        return out;
    }
}
