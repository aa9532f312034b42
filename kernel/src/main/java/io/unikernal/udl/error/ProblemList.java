package io.unikernal.udl.error;

import io.unikernal.udl.model.SourcePos;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects problems; {@link #sorted()} gives them in file order (line, column, then the order they were found),
 * duplicates removed. At most {@link #MAX_SHOWN} are kept — the first ones in file order — and the rest are counted,
 * so a hostile or badly broken file costs bounded memory and prints a screenful plus "and N more", not millions of
 * lines.
 */
public final class ProblemList implements Problems {

    public static final int MAX_SHOWN = 100;

    private record Found(UdlError error, long seq) {
    }

    private static final Comparator<Found> FILE_ORDER = Comparator.comparingInt((Found f) -> f.error().pos().line())
            .thenComparingInt(f -> f.error().pos().column()).thenComparingLong(Found::seq);

    private final TreeSet<Found> kept = new TreeSet<>(FILE_ORDER);
    private final Set<UdlError> keptErrors = new HashSet<>();
    private long seq;
    private long omitted;
    private long omittedErrors;
    private Found firstOmitted;

    @Override
    public void add(UdlError error) {
        if (!keptErrors.add(error)) {
            return;
        }
        kept.add(new Found(error, seq++));
        if (kept.size() > MAX_SHOWN) {
            Found dropped = kept.pollLast();
            keptErrors.remove(dropped.error());
            omitted++;
            omittedErrors += dropped.error().isError() ? 1 : 0;
            if (firstOmitted == null || FILE_ORDER.compare(dropped, firstOmitted) < 0) {
                firstOmitted = dropped;
            }
        }
    }

    public boolean hasErrors() {
        return omittedErrors > 0 || kept.stream().anyMatch(f -> f.error().isError());
    }

    /** The problems kept, in file order, then one "and N more" problem when some were not kept. */
    public List<UdlError> sorted() {
        List<UdlError> list = new ArrayList<>(kept.size() + 1);
        kept.forEach(f -> list.add(f.error()));
        if (omitted > 0) {
            SourcePos at = firstOmitted.error().pos();
            list.add(omittedErrors > 0 ? UdlMessages.moreProblems(at, omitted, MAX_SHOWN)
                    : UdlMessages.moreWarnings(at, omitted, MAX_SHOWN));
        }
        return List.copyOf(list);
    }
}
