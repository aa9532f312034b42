package io.unikernal.translate.spi;

import io.unikernal.udl.spec.Option;

/**
 * Keys several kinds declare with one meaning (a {@code target:} key is one key of the section, whichever kinds use
 * it): declared once here, with no pattern of its own — each kind checks what its calls allow.
 */
public final class TranslationKeys {

    private TranslationKeys() {
    }

    /**
     * {@code target.path}: put between an http-client system's url and each call's own path — gRPC → REST's
     * {@code /{Method}} or binding, SOAP → REST's {@code /{Operation}}, a webhook's whole path, which alone may hold
     * {@code {topic}} and {@code {1}}, {@code {2}}, ... placeholders.
     */
    public static final Option<String> CALL_PATH = Option.string("path")
            .description("Calls to an http-client system: put between its url and each call's own path (gRPC to"
                    + " REST: /{Method} or the method's binding; SOAP to REST: /{Operation}). A webhook's path (MQTT"
                    + " to HTTP) is the whole path, where {topic} is the message's topic and {1}, {2}, ... what the"
                    + " filter's wildcards matched, each level one percent-encoded segment.").example("/v1");

    /** A base path without placeholders (what gRPC and SOAP to REST take): empty, or segments each after a '/'. */
    public static boolean isBasePath(String path) {
        return path == null || path.matches("(/[A-Za-z0-9._~-]+)*");
    }
}
