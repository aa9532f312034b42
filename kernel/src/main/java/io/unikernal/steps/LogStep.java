package io.unikernal.steps;

import io.unikernal.runtime.SecretMasker;
import io.unikernal.spi.step.StepChecks;
import io.unikernal.spi.step.StepCompilation;
import io.unikernal.spi.step.StepInput;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.Expr;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import io.unikernal.udl.spec.LogTemplates;
import io.unikernal.udl.spec.Shape.Value;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.ValueKind;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.camel.model.ProcessorDefinition;

/** {@code log: "text"}: a log line through Camel's log EIP, limited to functions the secret masking sees through. */
public final class LogStep implements StepKind<Step.Log> {

    private static final UdlKey KEY = UdlKey.of("log", Value.of(ValueKind.STRING), "Writes a log line (Camel simple "
            + "language, limited to " + LogTemplates.ALLOWED + "; anything else is refused: UDL-050).",
            "\"received ${body}\"");

    @Override
    public UdlKey key() {
        return KEY;
    }

    @Override
    public Class<Step.Log> modelType() {
        return Step.Log.class;
    }

    @Override
    public Step.Log bind(StepInput input) {
        Expr text = input.expression();
        return text == null ? null : new Step.Log(text, input.itemPos());
    }

    @Override
    public void check(Step.Log step, StepChecks checks) {
        Predicate<String> credential = credentialHeaders(checks.route());
        Expr text = step.text();
        for (LogTemplates.Refusal refusal : LogTemplates.refusals(text.source(), credential)) {
            checks.problems().add(UdlMessages.logReachesSecrets(text.at(refusal.offset()), "log step",
                    refusal.function(), refusal.reason(), refusal.hint()));
        }
    }

    /** The credential headers of a route: the common ones and the route's own API-key header. */
    private static Predicate<String> credentialHeaders(RouteDecl route) {
        String authHeader = route.policy() != null && route.policy().auth() != null
                ? route.policy().auth().header() : null;
        return name -> SecretMasker.isCredentialHeader(name)
                || (authHeader != null && authHeader.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public ProcessorDefinition<?> compile(Step.Log step, StepCompilation compilation, ProcessorDefinition<?> block) {
        // a UDL reference becomes a placeholder resolved at start-up (and masked), not simple's own env:
        block.log(compilation.context().camelText(step.message()));
        return block;
    }
}
