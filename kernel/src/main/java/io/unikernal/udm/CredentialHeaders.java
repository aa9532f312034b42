package io.unikernal.udm;

import java.util.Locale;
import java.util.Set;

/**
 * Header names that carry a caller's credential (Authorization, Cookie, API keys, tokens, passwords). Their values
 * are never forwarded, logged, recorded, or shown to an expression: one list, used by the masking, the dead-letter
 * records, the CEL view of the headers and the checks of log steps.
 */
public final class CredentialHeaders {

    /** Parts of a lower-case header name that make it a credential header. */
    private static final Set<String> WORDS = Set.of("authorization", "cookie", "api-key", "apikey", "password",
            "passwd", "secret", "token", "credential");

    private CredentialHeaders() {
    }

    /** True when the name holds one of the credential words, in any case ({@code X-Auth-Token}, {@code Cookie}). */
    public static boolean isCredential(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
