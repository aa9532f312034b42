package io.unikernal.udl.model;

import java.util.Map;

/**
 * An entry of {@code tests:} (run by {@code unikernal test}): send {@code input} into {@code route} and compare with
 * {@code expect}. Targets of the route under test are replaced by capturing endpoints, so a test needs no server.
 *
 * @param input   the body to send (any JSON-like value) and optional headers
 * @param expect  what must hold: {@code body} (the reply body, compared as JSON), {@code status} (the reply status),
 *                {@code sent} (system name → list of bodies it must have received, in order), {@code deadLetter}
 *                (true when the message must end in the dead-letter destination)
 */
public record TestDecl(String name, String route, Object inputBody, Map<String, String> inputHeaders,
        Expectation expect, SourcePos pos) {

    public record Expectation(Object body, Integer status, Map<String, java.util.List<Object>> sent,
            Boolean deadLetter, SourcePos pos) {
    }
}
