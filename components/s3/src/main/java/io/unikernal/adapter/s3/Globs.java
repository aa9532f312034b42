package io.unikernal.adapter.s3;

import java.util.regex.Pattern;

/**
 * Globs over object keys: {@code *} is any part of one name (no {@code /}), {@code **} any number of names
 * ({@code inbox/**}{@code /*.csv} is every .csv under inbox/, at any depth), {@code ?} one character of a name;
 * everything else is literal. The literal start of a glob is the prefix S3 lists, so only keys that can match are
 * listed.
 */
final class Globs {

    private Globs() {
    }

    /** The glob as a regular expression over whole keys. */
    static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** The literal start of the glob, up to its first wildcard. */
    static String prefix(String glob) {
        int star = glob.indexOf('*');
        int question = glob.indexOf('?');
        int end = star < 0 ? question : question < 0 ? star : Math.min(star, question);
        return end < 0 ? glob : glob.substring(0, end);
    }
}
