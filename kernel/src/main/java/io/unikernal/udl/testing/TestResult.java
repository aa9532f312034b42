package io.unikernal.udl.testing;

import io.unikernal.udl.model.SourcePos;
import java.util.List;

/** The outcome of one UDL test case; {@code failures} is empty when it passed. */
public record TestResult(String name, SourcePos pos, List<String> failures) {
    public boolean passed() {
        return failures.isEmpty();
    }
}
