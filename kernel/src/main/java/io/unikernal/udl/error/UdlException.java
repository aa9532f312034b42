package io.unikernal.udl.error;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a UDL file has errors; carries all of them, in file order. */
public class UdlException extends RuntimeException {

    private final List<UdlError> errors;

    public UdlException(List<UdlError> errors) {
        super(errors.stream().map(UdlError::render).collect(Collectors.joining(System.lineSeparator())));
        this.errors = List.copyOf(errors);
    }

    public List<UdlError> errors() {
        return errors;
    }
}
