package io.unikernal.udl.error;

/**
 * A kind of problem a UDL check reports. Its {@link #tag()} ({@code UDL-012}, {@code HTTP-001}) appears in every
 * message so users can look it up in docs/udl-reference.md; a tag never changes meaning once released. The kernel's
 * codes are {@link UdlErrorCode}; a plug-in declares its own with {@link PluginProblemCode} in its own namespace.
 */
public interface ProblemCode {

    /** The tag printed in messages, e.g. {@code UDL-012}. */
    String tag();

    /** A one-line description of the code, for the reference doc. */
    String summary();

    /** The namespace of the tag: the part before the '-' ({@code UDL} for the kernel's own codes). */
    default String namespace() {
        String tag = tag();
        int dash = tag.lastIndexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
