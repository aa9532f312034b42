package io.unikernal.rust.component;

import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.RoutingEngine;
import io.unikernal.routing.RoutingEngineProvider;
import io.unikernal.routing.RoutingEngines;
import io.unikernal.routing.RoutingMessage;
import io.unikernal.routing.RuleTable;
import io.unikernal.routing.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Decides a target for the exchange (or for each element of a List body) and sets it as headers;
 * a route then sends on with {@code toD("${header.UnikernalRouteTarget}")} or a recipient list.
 */
public class RustRouteProducer extends DefaultProducer {
    private final RuleTable table;
    private RoutingEngine single;
    private RoutingEngine batch;

    public RustRouteProducer(RustEndpoint endpoint, RuleTable table) {
        super(endpoint);
        this.table = table;
    }

    @Override
    public RustEndpoint getEndpoint() {
        return (RustEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String engine = getEndpoint().getEngine();
        RoutingEngineProvider forSingle = RoutingEngines.select(engine, Workload.SINGLE);
        RoutingEngineProvider forBatch = RoutingEngines.select(engine, Workload.BATCH);
        single = forSingle.create(table);
        batch = forBatch.name().equals(forSingle.name()) ? single : forBatch.create(table);
    }

    @Override
    protected void doStop() throws Exception {
        if (batch != null && batch != single) {
            batch.close();
        }
        if (single != null) {
            single.close();
        }
        single = null;
        batch = null;
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> headers = MessageBodies.textHeaders(in);
        Object body = in.getBody();
        if (body instanceof List<?> list) {
            MessageBatch messages = new MessageBatch(list.size(), list.size() * 128);
            for (Object element : list) {
                messages.add(headers, MessageBodies.json(element));
            }
            int[] decisions = new int[list.size()];
            batch.decideBatch(messages, decisions);
            List<String> targets = new ArrayList<>(decisions.length);
            for (int i = 0; i < decisions.length; i++) {
                targets.add(targetName(decisions[i], i));
            }
            in.setHeader(RustConstants.ROUTE_TARGETS, targets);
            in.setHeader(RustConstants.ENGINE, batch.name());
            return;
        }
        int d = single.decide(RoutingMessage.of(headers, MessageBodies.json(body)));
        in.setHeader(RustConstants.ROUTE_INDEX, d);
        String name = targetName(d, 0);
        if (name == null) {
            in.removeHeader(RustConstants.ROUTE_TARGET);
        } else {
            in.setHeader(RustConstants.ROUTE_TARGET, name);
        }
        in.setHeader(RustConstants.ENGINE, single.name());
    }

    private String targetName(int decision, int element) {
        if (decision == RoutingEngine.MALFORMED) {
            throw new IllegalArgumentException("message body" + (element > 0 ? " " + element : "") + " is not a JSON object");
        }
        return decision < 0 ? null : table.targets().get(decision);
    }
}
