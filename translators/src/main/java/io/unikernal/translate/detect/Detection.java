package io.unikernal.translate.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a connection's first bytes, with the evidence that decided it as human-readable lines (for an
 * unknown protocol: what was seen).
 */
public record Detection(Protocol protocol, Transport transport, List<String> evidence) {

    public Detection {
        evidence = List.copyOf(evidence);
    }

    public boolean recognised() {
        return protocol != Protocol.UNKNOWN;
    }

    static Detection unknown(List<String> seen, String why) {
        List<String> lines = new ArrayList<>(seen);
        lines.add(why);
        return new Detection(Protocol.UNKNOWN, Transport.NONE, lines);
    }

    /** The report as printed by {@code unikernal translate --detect}: protocol, transport, one evidence line each. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add("protocol: " + protocol.label());
        lines.add("transport: " + transport.label());
        lines.add("evidence:");
        evidence.forEach(line -> lines.add("  - " + line));
        return lines;
    }
}
