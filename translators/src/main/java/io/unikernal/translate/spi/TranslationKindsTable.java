package io.unikernal.translate.spi;

import java.util.stream.Collectors;

/**
 * The table of installed translation kinds that docs/translators.md holds between its {@link #BEGIN} and
 * {@link #END} markers, generated from the kinds themselves so the page cannot drift from them.
 */
public final class TranslationKindsTable {

    public static final String BEGIN = "<!-- translation kinds: generated, do not edit -->";
    public static final String END = "<!-- end of translation kinds -->";

    private TranslationKindsTable() {
    }

    public static String generate(TranslationKinds kinds) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| `expose.protocol` | target adapter | what a caller gets | its problem codes |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (TranslationKind kind : kinds.all()) {
            String codes = kind.problemCodes().stream().map(c -> "`" + c.tag() + "` " + c.summary())
                    .collect(Collectors.joining("; "));
            out.append("| `").append(kind.protocol()).append("` | `").append(kind.targetAdapter()).append("` | ")
                    .append(kind.description().replace("|", "\\|")).append(" | ")
                    .append(codes.isEmpty() ? "none" : codes).append(" |\n");
        }
        return out.append(END).toString();
    }

    /** The page with its generated block replaced by {@code table}; the page must hold both markers. */
    public static String replaceIn(String page, String table) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page has no " + BEGIN + " ... " + END + " block");
        }
        return page.substring(0, begin) + table + page.substring(end + END.length());
    }
}
