package io.unikernal.udl.error;

import java.util.Objects;

/**
 * A problem code a plug-in (an adapter, a step or section kind) declares in its own {@code namespace}: tag
 * {@code NAMESPACE-NNN}, e.g. {@code HTTP-001}. The namespace is upper case letters and digits and never {@code UDL}
 * (the kernel's). Tags are checked unique across the installed plug-ins when they load.
 */
public record PluginProblemCode(String namespace, int number, String summary) implements ProblemCode {

    public PluginProblemCode {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.matches("[A-Z][A-Z0-9]{1,15}")) {
            throw new IllegalArgumentException("problem code namespace '" + namespace
                    + "' must be 2..16 upper case letters and digits");
        }
        if (namespace.equals(UdlErrorCode.NAMESPACE)) {
            throw new IllegalArgumentException("problem code namespace UDL is the kernel's; a plug-in uses its own");
        }
        if (number < 1 || number > 999) {
            throw new IllegalArgumentException("problem code number " + number + " must be 1..999");
        }
        Objects.requireNonNull(summary, "summary");
    }

    @Override
    public String tag() {
        return String.format("%s-%03d", namespace, number);
    }
}
