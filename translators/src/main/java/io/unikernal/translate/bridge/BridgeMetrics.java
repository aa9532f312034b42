package io.unikernal.translate.bridge;

import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Times every message a bridge took in {@code unikernal.translation.calls}, from when its route took it to when the
 * route finished with it (published and confirmed, dead-lettered, or failed): {@code method} is the topic or queue
 * consumed (a name from the file, never from a message), {@code status} {@code ok}, {@code dead-lettered} (the
 * target refused it, or it could not be read, and it went to the bridge's deadLetter) or {@code failed} (no
 * deadLetter took it: logged, or left to the source to deliver again). A route policy, not nodes, so the failure
 * clauses' outcome is seen too.
 */
public final class BridgeMetrics extends RoutePolicySupport {

    private String method = "none";
    private boolean deadLetter;

    public void setMethod(String method) {
        this.method = method;
    }

    public void setDeadLetter(boolean deadLetter) {
        this.deadLetter = deadLetter;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(TranslationMetrics.START_PROPERTY, System.nanoTime());
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        TranslationMetrics.record(exchange, method, status(exchange));
    }

    private String status(Exchange exchange) {
        if (exchange.isFailed()) {
            return "failed";
        }
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
            return deadLetter ? "dead-lettered" : "failed";
        }
        return "ok";
    }
}
