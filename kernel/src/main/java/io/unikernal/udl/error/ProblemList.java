package io.unikernal.udl.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems; {@link #sorted()} gives them in file order (line, column), duplicates removed. */
public final class ProblemList implements Problems {

    private final Set<UdlError> problems = new LinkedHashSet<>();

    @Override
    public void add(UdlError error) {
        problems.add(error);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(UdlError::isError);
    }

    public List<UdlError> sorted() {
        List<UdlError> list = new ArrayList<>(problems);
        list.sort(Comparator.comparingInt((UdlError e) -> e.pos().line()).thenComparingInt(e -> e.pos().column()));
        return List.copyOf(list);
    }
}
