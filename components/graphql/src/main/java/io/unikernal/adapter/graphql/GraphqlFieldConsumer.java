package io.unikernal.adapter.graphql;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Registers its route as the resolver of its field with the server of its path while it runs. */
public final class GraphqlFieldConsumer extends DefaultConsumer {

    public GraphqlFieldConsumer(GraphqlFieldEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public GraphqlFieldEndpoint getEndpoint() {
        return (GraphqlFieldEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        GraphqlServer.register(this);
    }

    @Override
    protected void doStop() throws Exception {
        GraphqlServer.unregister(this);
        super.doStop();
    }
}
