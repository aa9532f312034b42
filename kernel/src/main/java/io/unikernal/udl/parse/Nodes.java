package io.unikernal.udl.parse;

import io.unikernal.udl.model.SourcePos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Small helpers over snakeyaml-engine nodes: positions, scalar values, what a node is called in messages. */
final class Nodes {

    private Nodes() {
    }

    static SourcePos pos(String file, Mark mark) {
        return new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    static SourcePos pos(String file, Node node) {
        return node.getStartMark().map(m -> pos(file, m)).orElse(new SourcePos(file, 1, 1));
    }

    /** Where the text of a scalar starts: after the opening quote of a quoted scalar. */
    static SourcePos contentPos(String file, ScalarNode node) {
        SourcePos start = pos(file, node);
        ScalarStyle style = node.getScalarStyle();
        boolean quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
        return quoted ? new SourcePos(file, start.line(), start.column() + 1) : start;
    }

    /**
     * True when a character offset into the scalar's value is also a column offset from {@link #contentPos}: the
     * scalar is plain or quoted, on one line, without escapes that change its length.
     */
    static boolean columnsExact(ScalarNode node) {
        ScalarStyle style = node.getScalarStyle();
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            return false;
        }
        int startLine = node.getStartMark().map(Mark::getLine).orElse(-1);
        int endLine = node.getEndMark().map(Mark::getLine).orElse(-2);
        if (startLine != endLine) {
            return false;
        }
        int startCol = node.getStartMark().get().getColumn();
        int endCol = node.getEndMark().get().getColumn();
        int quotes = style == ScalarStyle.PLAIN ? 0 : 2;
        String value = node.getValue();
        return endCol - startCol - quotes == value.codePointCount(0, value.length());
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** What the node is, for "must be X, not Y" messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return "empty";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a boolean (" + s.getValue() + ")";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number (" + s.getValue() + ")";
        }
        return "a string ('" + abbreviate(s.getValue()) + "')";
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** The key of a map entry as text (UDL keys are scalars; a non-scalar key is shown as YAML would). */
    static String keyText(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : describe(tuple.getKeyNode());
    }

    static Map<String, NodeTuple> entries(MappingNode map) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            entries.putIfAbsent(keyText(t), t);
        }
        return entries;
    }

    /** Leniently, the declared option's value in {@code map}, or its default (see {@link Option#valueOrDefault}). */
    static <T> T read(MappingNode map, io.unikernal.udl.spec.Option<T> option) {
        Node node = map == null ? null : value(map, option.name());
        return option.valueOrDefault(node instanceof ScalarNode s && !isNull(s) ? scalar(s) : null);
    }

    static Node value(MappingNode map, String key) {
        NodeTuple t = entries(map).get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The plain Java value of a node: String, Long, Double, BigDecimal (huge numbers), Boolean, null, List, Map. */
    static Object toJava(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                out.put(keyText(t), toJava(t.getValueNode()));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(toJava(n)));
            return out;
        }
        return scalar((ScalarNode) node);
    }

    static Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
            }
            if (Tag.INT.equals(tag)) {
                return integer(text);
            }
            if (Tag.FLOAT.equals(tag)) {
                return floating(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }

    private static Object integer(String text) {
        String t = text.replace("_", "");
        if (t.startsWith("0o")) {
            return Long.parseLong(t.substring(2), 8);
        }
        if (t.startsWith("0x")) {
            return Long.parseLong(t.substring(2), 16);
        }
        BigDecimal big = new BigDecimal(t);
        try {
            return big.longValueExact();
        } catch (ArithmeticException e) {
            return big;
        }
    }

    private static Object floating(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    static BigDecimal decimal(ScalarNode node) {
        Object v = scalar(node);
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return new BigDecimal(node.getValue());
        }
        return null;
    }
}
