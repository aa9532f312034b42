package io.unikernal.udl.parse;

import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.error.UdlException;
import io.unikernal.udl.model.UdlDocument;
import java.util.List;

/**
 * What parsing one UDL file gave: the document (null when the file is unusable: not YAML, empty, over a safety
 * limit) and every problem found, errors and warnings, in file order.
 */
public record ParseResult(UdlDocument document, List<UdlError> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }

    public List<UdlError> errors() {
        return problems.stream().filter(UdlError::isError).toList();
    }

    public List<UdlError> warnings() {
        return problems.stream().filter(e -> !e.isError()).toList();
    }

    public boolean hasErrors() {
        return document == null || problems.stream().anyMatch(UdlError::isError);
    }

    /** The document when the file has no errors; else throws with all of them. */
    public UdlDocument orThrow() {
        if (hasErrors()) {
            throw new UdlException(errors());
        }
        return document;
    }
}
