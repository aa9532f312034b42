package io.unikernal.udl.check;

import io.unikernal.runtime.SecretMasker;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.LogTemplates;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a route could show a secret the masking cannot catch: a log step that reads the environment, system
 * properties or a credential header ({@link LogTemplates}), and a reply header that would send a secret reference
 * to the caller.
 */
final class SecretChecks {

    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{(secret:[^}]*|env:([^:}]*)[^}]*)}");

    private final Problems problems;

    SecretChecks(Problems problems) {
        this.problems = problems;
    }

    void check(UdlDocument doc) {
        for (RouteDecl route : doc.routes()) {
            Predicate<String> credential = credentialHeaders(route);
            StepWalk.forEach(route.steps(), step -> {
                if (step instanceof Step.Log log) {
                    checkLog(log.text(), credential);
                }
            });
            if (route.reply() != null) {
                route.reply().headerValues().forEach(this::checkReplyHeader);
            }
        }
    }

    /** The credential headers of a route: the common ones and the route's own API-key header. */
    private static Predicate<String> credentialHeaders(RouteDecl route) {
        String authHeader = route.policy() != null && route.policy().auth() != null
                ? route.policy().auth().header() : null;
        return name -> SecretMasker.isCredentialHeader(name)
                || (authHeader != null && authHeader.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
    }

    private void checkLog(Expr text, Predicate<String> credential) {
        for (LogTemplates.Refusal refusal : LogTemplates.refusals(text.source(), credential)) {
            problems.add(UdlMessages.logReachesSecrets(text.at(refusal.offset()), "log step", refusal.function(),
                    refusal.reason(), refusal.hint()));
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
