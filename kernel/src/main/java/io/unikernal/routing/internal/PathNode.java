package io.unikernal.routing.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A trie of the body paths a scan must capture: one node per object level. */
public final class PathNode {
    byte[][] keys = new byte[0][];
    PathNode[] children = new PathNode[0];
    int[] slots = new int[0];

    /** Builds the trie; {@code paths.get(i)} is captured into slot {@code slotIds.get(i)}. */
    public static PathNode of(List<List<String>> paths, List<Integer> slotIds) {
        PathNode root = new PathNode();
        for (int i = 0; i < paths.size(); i++) {
            PathNode node = root;
            List<String> path = paths.get(i);
            for (int d = 0; d < path.size(); d++) {
                int c = node.child(path.get(d).getBytes(StandardCharsets.UTF_8));
                if (d == path.size() - 1) {
                    node.slots[c] = slotIds.get(i);
                } else {
                    if (node.children[c] == null) {
                        node.children[c] = new PathNode();
                    }
                    node = node.children[c];
                }
            }
        }
        return root;
    }

    private int child(byte[] key) {
        for (int i = 0; i < keys.length; i++) {
            if (java.util.Arrays.equals(keys[i], key)) {
                return i;
            }
        }
        int n = keys.length;
        keys = java.util.Arrays.copyOf(keys, n + 1);
        children = java.util.Arrays.copyOf(children, n + 1);
        slots = java.util.Arrays.copyOf(slots, n + 1);
        keys[n] = key;
        slots[n] = -1;
        return n;
    }

    /** The child index whose key equals the JSON key {@code [s, e)} (raw, maybe escaped), or -1. */
    int find(byte[] b, int s, int e, Slots scratch) {
        int len = e - s;
        boolean escaped = false;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (escaped) {
            byte[] tmp = scratch.keyBuffer(len);
            int n = JsonScanner.decode(b, s, e, tmp);
            return findDecoded(tmp, n);
        }
        for (int k = 0; k < keys.length; k++) {
            byte[] key = keys[k];
            if (key.length == len && Text.regionEquals(b, s, key)) {
                return k;
            }
        }
        return -1;
    }

    private int findDecoded(byte[] tmp, int n) {
        for (int k = 0; k < keys.length; k++) {
            if (java.util.Arrays.equals(keys[k], 0, keys[k].length, tmp, 0, n)) {
                return k;
            }
        }
        return -1;
    }

    /** Leaf slot ids in this trie (for tests and sizing). */
    List<Integer> allSlots() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (slots[i] >= 0) {
                out.add(slots[i]);
            }
            if (children[i] != null) {
                out.addAll(children[i].allSlots());
            }
        }
        return out;
    }
}
