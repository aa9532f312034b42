package io.unikernal.compile.deadletter;

import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.compile.policy.PolicyCompiler;
import io.unikernal.compile.targets.TargetCalls;
import io.unikernal.runtime.DeadLetterRecorder;
import io.unikernal.runtime.ErrorReplyProcessor;
import io.unikernal.runtime.FailureHistory;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.policy.PolicyRejectedException;
import io.unikernal.runtime.policy.PolicyRejectionReply;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.SystemDecl;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ExpressionSubElementDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.language.ConstantExpression;

/**
 * Every failure of the route — a malformed or invalid message, a target that fails — is handled the same way: a
 * dead-letter record (original payload, reason, route, attempts) goes to the route's {@code deadLetter} system
 * (or to the error log when it has none), and a waiting caller gets an error reply.
 */
public final class DeadLetterClauses {

    private final DefaultCompileContext ctx;
    private final TargetCalls targets;

    public DeadLetterClauses(DefaultCompileContext ctx, TargetCalls targets) {
        this.ctx = ctx;
        this.targets = targets;
    }

    /** Gives the route its route configuration with the failure clauses (and the refusal clause of its policy). */
    public void compile(RouteDecl decl, RouteDefinition route, Adapter sourceAdapter, SystemDecl source,
            boolean callerWaits) {
        // Camel's YAML DSL takes route-scoped error handling as a route configuration, so that is what we build
        RouteConfigurationDefinition configuration = new RouteConfigurationDefinition();
        configuration.setId(decl.name() + "-on-failure");
        ctx.addRouteConfiguration(configuration);
        route.routeConfigurationId(configuration.getId());
        if (callerWaits && decl.policy() != null && (decl.policy().auth() != null
                || decl.policy().rateLimit() != null || decl.policy().idempotency() != null)) {
            refusalClause(configuration, sourceAdapter, source, decl);
        }
        if (decl.policy() != null && decl.policy().retry() != null) {
            // a message at fault is not retried: the same message fails the same way; nor is a call the open
            // breaker refused: it stays open for whole seconds, far longer than a retry's backoff
            failureClause(configuration.onException(MessageRejectedException.class,
                    io.unikernal.runtime.policy.BreakerOpenCheck.BreakerOpenException.class), decl,
                    sourceAdapter, source, callerWaits);
            OnExceptionDefinition retried = configuration.onException(Exception.class);
            PolicyCompiler.redelivery(decl.policy().retry(), retried);
            failureClause(retried, decl, sourceAdapter, source, callerWaits);
        } else {
            failureClause(configuration.onException(Exception.class), decl, sourceAdapter, source, callerWaits);
        }
    }

    private void failureClause(OnExceptionDefinition onException, RouteDecl decl, Adapter sourceAdapter,
            SystemDecl source, boolean callerWaits) {
        // a model expression (not handled(true)'s Java constant) so the YAML dump keeps it
        onException.setHandled(new ExpressionSubElementDefinition(new ConstantExpression("true")));
        String recorder = "dead-letter-record-" + decl.name();
        ctx.addBean(recorder, DeadLetterRecorder.class, decl.policy() != null && decl.policy().auth() != null
                ? List.of(decl.name(), decl.policy().auth().header()) : List.of(decl.name()), Map.of());
        String history = "failure-history-" + decl.name();
        ctx.addBean(history, FailureHistory.class, List.of(decl.name()), Map.of());
        onException.onExceptionOccurredRef(history);
        onException.process(recorder);
        if (decl.deadLetter() != null) {
            // if the dead-letter system fails too, the record still reaches the error log rather than vanishing
            org.apache.camel.model.TryDefinition attempt = onException.doTry();
            targets.idempotencyKey(decl.deadLetter(), decl.name() + "-dead-letter-" + decl.deadLetter().system(),
                    attempt);
            targets.deliver(decl.deadLetter(), attempt);
            attempt.setProperty(DeadLetterRecorder.KEPT, new ConstantExpression("true"));
            attempt.log(org.apache.camel.LoggingLevel.WARN, "unikernal.dead-letter." + decl.name(),
                    "${exchangeProperty." + DeadLetterRecorder.SUMMARY + "}; kept in " + decl.deadLetter().system());
            attempt.doCatch(Exception.class).log(org.apache.camel.LoggingLevel.ERROR,
                    "unikernal.dead-letter." + decl.name(), "the dead-letter system " + decl.deadLetter().system()
                            + " failed (${exception.message}); the failed message: ${body}").end();
        } else {
            onException.log(org.apache.camel.LoggingLevel.ERROR, "unikernal.dead-letter." + decl.name(),
                    "no deadLetter on route " + decl.name() + ", logging the failed message: ${body}");
        }
        if (callerWaits) {
            ctx.addBean("error-reply", ErrorReplyProcessor.class, Map.of());
            onException.process("error-reply");
            ctx.sourceRoleOf(source).denormalizeReply(SystemUse.of(source, decl.from()), onException, ctx);
        }
        onException.end();
    }

    /**
     * A call the policy refused (401, 403, 409 for a copy of a message in flight, 429) is answered and logged without
     * the credential, not dead-lettered: it was never accepted, and an attacker must not be able to fill the
     * dead-letter store.
     */
    private void refusalClause(RouteConfigurationDefinition configuration, Adapter sourceAdapter, SystemDecl source,
            RouteDecl decl) {
        OnExceptionDefinition refused = configuration.onException(PolicyRejectedException.class);
        refused.setHandled(new ExpressionSubElementDefinition(new ConstantExpression("true")));
        refused.log(org.apache.camel.LoggingLevel.WARN, "unikernal.policy." + decl.name(),
                "refused: ${exception.message}");
        ctx.addBean("policy-refusal-reply", PolicyRejectionReply.class, Map.of());
        refused.process("policy-refusal-reply");
        ctx.sourceRoleOf(source).denormalizeReply(SystemUse.of(source, decl.from()), refused, ctx);
        refused.end();
    }
}
