package io.unikernal.udl.parse;

import io.unikernal.udl.error.ProblemList;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into a snakeyaml-engine node tree with positions, safely: core schema only, no aliases, no custom
 * tags, at most {@link #MAX_CODE_POINTS} characters and {@link #MAX_DEPTH} levels of nesting. A first pass over the
 * events enforces the limits (so the recursive composer never sees a hostile file) and stops at the first alias or
 * too-deep collection (a file of a million aliases costs one error, not a million); the second composes.
 */
final class YamlLoader {

    static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    private static final int MAX_ALIASES = 10;
    private static final String MERGE_KEY = "<<";
    private static final Set<String> CORE_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(),
            Tag.FLOAT.getValue(), Tag.BOOL.getValue(), Tag.NULL.getValue(), Tag.MAP.getValue(), Tag.SEQ.getValue());

    /** The composed root (null when the file cannot be used) and the problems found on the way. */
    record Loaded(Node root, List<UdlError> errors) {
    }

    Loaded load(String file, String text) {
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            return new Loaded(null, List.of(UdlMessages.tooLarge(new SourcePos(file, 1, 1), MAX_CODE_POINTS)));
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setEnvConfig(Optional.empty())
                .setUseMarks(true)
                // snakeyaml-engine 2.10 reads past its buffer when a surrogate pair straddles the buffer's end (an
                // emoji at character 1024 crashed the parser): one buffer for the whole text, which is bounded above
                .setBufferSize(text.length() + 1)
                .build();
        ProblemList errors = new ProblemList();
        try {
            checkEvents(file, new Parse(settings).parseString(text), errors);
            if (errors.hasErrors()) {
                return new Loaded(null, errors.sorted());
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                return new Loaded(null, List.of(UdlMessages.emptyFile(new SourcePos(file, 1, 1))));
            }
            return new Loaded(root.get(), errors.sorted());
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            errors.add(UdlMessages.yamlSyntax(mark.map(m -> Nodes.pos(file, m)).orElse(new SourcePos(file, 1, 1)),
                    e.getProblem() == null ? e.getContext() : e.getProblem()));
            return new Loaded(null, errors.sorted());
        } catch (YamlEngineException e) {
            errors.add(UdlMessages.yamlSyntax(new SourcePos(file, 1, 1), e.getMessage()));
            return new Loaded(null, errors.sorted());
        }
    }

    private static void checkEvents(String file, Iterable<Event> events, Problems errors) {
        // per open collection: is it a mapping, and is its next node a key. snakeyaml-engine applies merge keys
        // while composing, so they are caught here, in the events.
        boolean[] mapping = new boolean[MAX_DEPTH + 2];
        boolean[] keyNext = new boolean[MAX_DEPTH + 2];
        int depth = 0;
        for (Event event : events) {
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    nodeSeen(mapping, keyNext, depth);
                    depth++;
                    if (depth > MAX_DEPTH) {
                        errors.add(UdlMessages.tooDeep(pos(file, event), MAX_DEPTH));
                        return;
                    }
                    mapping[depth] = event.getEventId() == Event.ID.MappingStart;
                    keyNext[depth] = mapping[depth];
                    ((CollectionStartEvent) event).getTag().ifPresent(tag -> checkTag(file, event, tag, errors));
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Scalar -> {
                    ScalarEvent scalar = (ScalarEvent) event;
                    if (mapping[depth] && keyNext[depth] && scalar.isPlain() && MERGE_KEY.equals(scalar.getValue())) {
                        errors.add(UdlMessages.mergeKeyNotAllowed(pos(file, event)));
                    }
                    nodeSeen(mapping, keyNext, depth);
                    scalar.getTag().ifPresent(tag -> checkTag(file, event, tag, errors));
                }
                case Alias -> {
                    errors.add(UdlMessages.aliasNotAllowed(pos(file, event),
                            ((AliasEvent) event).getAlias().getValue()));
                    return;
                }
                default -> {
                }
            }
        }
    }

    /** A node at this depth was read: in a mapping, a key is followed by a value and a value by a key. */
    private static void nodeSeen(boolean[] mapping, boolean[] keyNext, int depth) {
        if (mapping[depth]) {
            keyNext[depth] = !keyNext[depth];
        }
    }

    private static void checkTag(String file, Event event, String tag, Problems errors) {
        if (!CORE_TAGS.contains(tag)) {
            errors.add(UdlMessages.tagNotAllowed(pos(file, event), tag));
        }
    }

    private static SourcePos pos(String file, Event event) {
        return event.getStartMark().map(m -> Nodes.pos(file, m)).orElse(new SourcePos(file, 1, 1));
    }
}
