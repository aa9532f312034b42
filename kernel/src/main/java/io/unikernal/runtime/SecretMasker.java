package io.unikernal.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.util.SensitiveUtils;

/**
 * Masks secrets in text bound for a log line, an error reply or a dead-letter record. Two kinds of value become
 * {@value #MASK}:
 * <ol>
 * <li>every value resolved as a secret in this process ({@code {{secret:NAME}}}, and {@code {{env:NAME}}} where the
 * compiler marked NAME as secret): a process-wide registry, filled as the values are resolved. Values shorter than
 * {@value #MIN_SECRET_LENGTH} characters are not kept: masking them would blank ordinary words;</li>
 * <li>the value of any credential-like key (Camel's list of sensitive keys, {@code SensitiveUtils}, plus
 * {@link #EXTRA_KEYS}) written as
 * {@code key=value} (also URI query parameters), {@code key: value}, JSON {@code "key": "value"}, or a URI's
 * {@code user:password@}. A quoted value is masked to its closing quote, an {@code Authorization} or {@code Cookie}
 * value to the end of the field (so {@code Bearer xyz} goes whole), any other value to the next space, {@code &},
 * {@code ;} or bracket.</li>
 * </ol>
 * Masking errs on hiding too much: a word next to a credential-like key may go too.
 */
public final class SecretMasker {

    /** What a masked value is replaced with. */
    public static final String MASK = "******";

    /** Secrets shorter than this are not registered. */
    public static final int MIN_SECRET_LENGTH = 4;

    /** Credential-like keys Camel's list lacks: HTTP credential headers and common spellings. */
    public static final Set<String> EXTRA_KEYS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "api-key", "x-api-key", "passwd", "pwd", "credential", "credentials", "private-key",
            "client-secret", "access-token", "refresh-token");

    /** Words that make an environment variable's name secret-like (DB_PASSWORD, GITHUB_TOKEN, API_KEY). */
    private static final Set<String> SECRET_NAME_WORDS = Set.of("password", "passwd", "pwd", "secret", "token",
            "apikey", "credential", "privatekey", "passphrase", "accesskey");

    private static final Pattern USERINFO = Pattern.compile("(://[^:/@\\s]+:)([^@/\\s]+)(@)");

    private static final Object LOCK = new Object();
    private static volatile String[] secrets = new String[0];
    private static volatile KeyForms keyForms = new KeyForms(Set.of());

    private SecretMasker() {
    }

    /** Registers a resolved secret value (and its URL-encoded form) so it is masked wherever it appears. */
    public static void registerSecret(String value) {
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) {
            return;
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(value.strip());
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        synchronized (LOCK) {
            Set<String> all = new LinkedHashSet<>(Arrays.asList(secrets));
            if (!all.addAll(forms)) {
                return;
            }
            String[] sorted = all.toArray(new String[0]);
            // longest first, so a secret that contains another is masked whole
            Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
            secrets = sorted;
        }
    }

    /**
     * True when a variable of this name holds a secret by its name: {@code DB_PASSWORD}, {@code GITHUB_TOKEN},
     * {@code API_KEY}. (Not {@code PGUSER}: a user name is not secret, and masking it would blank common words.)
     */
    public static boolean looksLikeSecretName(String name) {
        if (name == null) {
            return false;
        }
        String flat = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAME_WORDS.stream().anyMatch(flat::contains);
    }

    /** True when the value (as given) is in the registry. */
    public static boolean isRegistered(String value) {
        return value != null && Arrays.asList(secrets).contains(value);
    }

    /** Adds a credential-like key, e.g. the header a route's auth policy reads its API key from. */
    public static void addCredentialKey(String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        String lower = key.strip().toLowerCase(Locale.ROOT);
        synchronized (LOCK) {
            if (keyForms.keywords.contains(lower)) {
                return;
            }
            Set<String> extra = new TreeSet<>(keyForms.added);
            extra.add(lower);
            keyForms = new KeyForms(extra);
        }
    }

    /** True when a header of this name carries a caller's credential (Authorization, Cookie, API keys, tokens). */
    public static boolean isCredentialHeader(String name) {
        if (name == null) {
            return false;
        }
        return keyForms.added.contains(name.toLowerCase(Locale.ROOT))
                || io.unikernal.udm.CredentialHeaders.isCredential(name);
    }

    /** The text with every registered secret value and every credential-like key's value masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return keyForms.mask(maskSecrets(text));
    }

    /** The text with the registered secret values masked, and nothing else (e.g. a payload kept for replay). */
    public static String maskSecrets(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String answer = text;
        for (String secret : secrets) {
            if (answer.contains(secret)) {
                answer = answer.replace(secret, MASK);
            }
        }
        return answer;
    }

    /**
     * The key-based forms, found in one pass: at each {@code =} or {@code :} the word before it (quoted or not) is
     * the key. Camel's {@code DefaultMaskingFormatter} has the keywords but its patterns
     * ({@code [\\w]*(?:k1|k2|...)[\\w]*=}) backtrack on every long word: about 1.6 ms for one line of HTTP
     * headers, too slow for every log line. A key is credential-like when its last {@code -}-separated part holds a
     * keyword ({@code dbPassword}, {@code X-Auth-Token}, not {@code User-Agent}), or the whole key holds a keyword
     * with a dash ({@code X-Api-Key}).
     */
    private static final class KeyForms {
        private final Set<String> added;
        private final Set<String> keywords;
        private final String[] plain;
        private final String[] dashed;

        KeyForms(Set<String> added) {
            this.added = Set.copyOf(added);
            Set<String> all = new TreeSet<>();
            SensitiveUtils.getSensitiveKeys().forEach(k -> all.add(k.toLowerCase(Locale.ROOT)));
            all.addAll(EXTRA_KEYS);
            all.addAll(added);
            this.keywords = Set.copyOf(all);
            this.plain = all.stream().filter(k -> k.indexOf('-') < 0).toArray(String[]::new);
            this.dashed = all.stream().filter(k -> k.indexOf('-') >= 0).toArray(String[]::new);
        }

        boolean isCredentialKey(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            String last = lower.substring(lower.lastIndexOf('-') + 1);
            for (String keyword : plain) {
                if (last.contains(keyword)) {
                    return true;
                }
            }
            for (String keyword : dashed) {
                if (lower.contains(keyword)) {
                    return true;
                }
            }
            return false;
        }

        String mask(String input) {
            String text = USERINFO.matcher(input).replaceAll("$1" + MASK + "$3");
            int length = text.length();
            StringBuilder out = null;
            int copied = 0;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c != '=' && c != ':') {
                    continue;
                }
                // the key: the word before the separator, maybe quoted, maybe followed by spaces
                int keyEnd = i;
                while (keyEnd > copied && (text.charAt(keyEnd - 1) == ' ' || text.charAt(keyEnd - 1) == '\t')) {
                    keyEnd--;
                }
                if (keyEnd > copied && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'')) {
                    keyEnd--;
                }
                int keyStart = keyEnd;
                while (keyStart > copied && isKeyChar(text.charAt(keyStart - 1))) {
                    keyStart--;
                }
                if (keyStart == keyEnd) {
                    continue;
                }
                // the value: after spaces; key: value needs a space or a quote after the colon, so {{secret:NAME}},
                // http://host:port and File.java:12 are not key-value pairs
                int start = i + 1;
                if (c == ':' && (start >= length || " \t\"'".indexOf(text.charAt(start)) < 0)) {
                    continue;
                }
                if (!isCredentialKey(text.substring(keyStart, keyEnd))) {
                    continue;
                }
                while (start < length && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                    start++;
                }
                char quote = 0;
                if (start < length && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
                    quote = text.charAt(start++);
                }
                int end;
                if (text.startsWith(MASK, start)) {
                    end = start + MASK.length();
                } else if (quote != 0) {
                    end = start;
                    while (end < length && text.charAt(end) != quote && text.charAt(end) != '\n'
                            && text.charAt(end) != '\r') {
                        end++;
                    }
                } else {
                    end = unquotedEnd(text.substring(keyStart, keyEnd), text, start);
                }
                if (end > start) {
                    if (out == null) {
                        out = new StringBuilder(length + 16);
                    }
                    out.append(text, copied, start).append(MASK);
                    copied = end;
                    i = end - 1;
                }
            }
            if (out == null) {
                return text;
            }
            return out.append(text, copied, length).toString();
        }

        private static boolean isKeyChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
        }

        /**
         * Where an unquoted value ends: an {@code Authorization} or {@code Cookie} value (e.g. {@code Bearer xyz},
         * {@code a=1; b=2}) at the end of the field, any other at the next space, {@code &}, {@code ;} or bracket.
         */
        private static int unquotedEnd(String key, String text, int start) {
            String lowerKey = key.toLowerCase(Locale.ROOT);
            boolean wholeField = lowerKey.contains("authorization") || lowerKey.contains("cookie");
            String stops = wholeField ? "\r\n}])>,'\"" : "\r\n}])>,'\" \t&;<";
            int end = start;
            while (end < text.length() && stops.indexOf(text.charAt(end)) < 0) {
                end++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return end;
        }
    }
}
