package io.unikernal.dsl.app;

import io.unikernal.udl.error.UdlError;
import java.util.List;
import org.apache.camel.RuntimeCamelException;

/**
 * A UDL app that cannot be added to a CamelContext: its file has errors, or the context cannot give it what it needs.
 * A Camel exception, so Camel Main and the routes loader report it as they report a broken YAML route file; its
 * message lists every problem as {@code file:line:col: what is wrong [CODE]} with its hint.
 */
public final class UdlAppException extends RuntimeCamelException {

    private final transient List<UdlError> problems;

    public UdlAppException(List<UdlError> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file order. */
    public List<UdlError> problems() {
        return problems;
    }

    private static String render(List<UdlError> problems) {
        StringBuilder text = new StringBuilder();
        for (UdlError problem : problems) {
            text.append(text.length() == 0 ? "" : System.lineSeparator()).append(problem.render());
        }
        return text.toString();
    }
}
