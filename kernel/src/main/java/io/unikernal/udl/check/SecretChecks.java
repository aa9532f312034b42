package io.unikernal.udl.check;

import io.unikernal.runtime.SecretMasker;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.UdlDocument;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a route could show a secret the masking cannot catch: a reply header that would send a secret reference to
 * the caller. (A log step that reads the environment, system properties or a credential header is the log step
 * kind's own check, {@code io.unikernal.steps.LogStep}.)
 */
final class SecretChecks {

    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{(secret:[^}]*|env:([^:}]*)[^}]*)}");

    private final Problems problems;

    SecretChecks(Problems problems) {
        this.problems = problems;
    }

    void check(UdlDocument doc) {
        for (RouteDecl route : doc.routes()) {
            if (route.reply() != null) {
                route.reply().headerValues().forEach(this::checkReplyHeader);
            }
        }
    }

    private void checkReplyHeader(String header, Expr value) {
        Matcher m = SECRET_REFERENCE.matcher(value.source());
        while (m.find()) {
            boolean secret = m.group(2) == null || SecretMasker.looksLikeSecretName(m.group(2));
            if (secret) {
                problems.add(UdlMessages.secretInReply(value.at(m.start()), header, m.group()));
            }
        }
    }
}
