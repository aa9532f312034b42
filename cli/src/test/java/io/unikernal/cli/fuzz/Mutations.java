package io.unikernal.cli.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Text mutations of a UDL file: what a hurried edit, a bad merge or a hostile file does to YAML. */
final class Mutations {

    private static final List<String> TOKENS = List.of(":", "- ", "{", "}", "[", "]", ",", "*a", "&a ", "!tag ",
            "<<: {x: 1}", "${env:", "${secret:}", "'", "\"", "\t", "udl: 9", "~", "? ", "|", ">", "#", "\\u0000",
            "1e999999", "-1", "0x7fffffffffffffff", "routes:", "steps:", "to: ", "adapter: jdbc", "from: s0",
            "\"x\".repeat", "%", "@", "`", "\u00e9", "\ud83d\ude00", "a".repeat(300), "[".repeat(70));

    private Mutations() {
    }

    static String mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            switch (rnd.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, " ".repeat(rnd.nextInt(6)) + line.strip());
                case 3 -> lines.set(at, insert(line, TOKENS.get(rnd.nextInt(TOKENS.size())), rnd));
                case 4 -> lines.set(at, line.isEmpty() ? line : line.substring(0, rnd.nextInt(line.length())));
                case 5 -> {
                    int other = rnd.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 6 -> lines.set(at, misspell(line, rnd));
                case 7 -> lines.add(at, " ".repeat(rnd.nextInt(6)) + TOKENS.get(rnd.nextInt(TOKENS.size())));
                default -> lines.set(at, line.replaceFirst("\\d+", String.valueOf(rnd.nextInt() - 1000)));
            }
        }
        return String.join("\n", lines) + (rnd.nextBoolean() ? "\n" : "");
    }

    private static String insert(String line, String token, Random rnd) {
        int at = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
        return line.substring(0, at) + token + line.substring(at);
    }

    /** Swaps, drops or doubles one letter: a typo in a key or a value. */
    private static String misspell(String line, Random rnd) {
        if (line.length() < 2) {
            return line;
        }
        int at = rnd.nextInt(line.length() - 1);
        return switch (rnd.nextInt(3)) {
            case 0 -> line.substring(0, at) + line.charAt(at + 1) + line.charAt(at) + line.substring(at + 2);
            case 1 -> line.substring(0, at) + line.substring(at + 1);
            default -> line.substring(0, at) + line.charAt(at) + line.substring(at);
        };
    }
}
