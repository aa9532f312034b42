package io.unikernal.udl.parse;

import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.spec.References;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Checks that apply everywhere in the tree, whatever the shape: duplicate keys and malformed references. */
final class TreeChecks {

    private final String file;
    private final Problems problems;

    TreeChecks(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    void walk(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = Nodes.keyText(t);
                SourcePos keyPos = Nodes.pos(file, t.getKeyNode());
                Integer first = firstLine.putIfAbsent(key, keyPos.line());
                if (first != null) {
                    problems.add(UdlMessages.duplicateKey(keyPos, key, first));
                }
                walk(t.getKeyNode());
                walk(t.getValueNode());
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(this::walk);
        } else if (node instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())) {
            for (References.Problem p : References.problems(scalar.getValue())) {
                SourcePos at = Nodes.contentPos(file, scalar);
                if (Nodes.columnsExact(scalar)) {
                    at = new SourcePos(file, at.line(), at.column() + p.offset());
                }
                problems.add(UdlMessages.badReference(at, p.reference(), p.problem()));
            }
        }
    }
}
