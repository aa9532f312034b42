package io.unikernal.translate.detect;

import io.unikernal.runtime.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a connection's first bytes, with the evidence that decided it as human-readable lines (for an
 * unknown protocol: what was seen). Credential-like values in the lines (an {@code access_token} in a request line's
 * query) are masked.
 */
public record Detection(Protocol protocol, Transport transport, List<String> evidence) {

    public Detection {
        evidence = evidence.stream().map(SecretMasker::mask).toList();
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
