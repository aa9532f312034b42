package io.unikernal.udl.parse;

import io.unikernal.udl.error.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a misspelt key as the key it most likely is (after its "unknown key … did you mean" error is reported), so
 * that what is under it — a whole {@code route:} section — is still checked in the same run instead of after the
 * user has fixed the spelling. Only when the intended key is not also present, so no value is ever read twice.
 */
final class NearMiss {

    private NearMiss() {
    }

    /**
     * Renames {@code entry}'s key in {@code map} to its closest match among {@code known}, keeping its position;
     * returns the name it now has, or empty (nothing changed) when no key is close or the close one is present.
     */
    static Optional<String> repair(MappingNode map, NodeTuple entry, List<String> known) {
        if (!(entry.getKeyNode() instanceof ScalarNode key)) {
            return Optional.empty();
        }
        Optional<String> meant = DidYouMean.closest(key.getValue(), known);
        if (meant.isEmpty() || Nodes.value(map, meant.get()) != null) {
            return Optional.empty();
        }
        ScalarNode renamed = new ScalarNode(Tag.STR, true, meant.get(), ScalarStyle.PLAIN, key.getStartMark(),
                key.getEndMark());
        List<NodeTuple> entries = new ArrayList<>(map.getValue());
        entries.set(entries.indexOf(entry), new NodeTuple(renamed, entry.getValueNode()));
        map.setValue(entries);
        return meant;
    }
}
