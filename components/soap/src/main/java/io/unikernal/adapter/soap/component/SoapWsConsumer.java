package io.unikernal.adapter.soap.component;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Registers its route as the handler of its operation with the CXF endpoint of its URL while it runs. */
public final class SoapWsConsumer extends DefaultConsumer {

    private SoapOperation operation;

    public SoapWsConsumer(SoapWsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public SoapWsEndpoint getEndpoint() {
        return (SoapWsEndpoint) super.getEndpoint();
    }

    SoapOperation operation() {
        return operation;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WsdlContract contract = getEndpoint().contract();
        operation = getEndpoint().operation(contract);
        SoapServers.register(this, contract);
    }

    @Override
    protected void doStop() throws Exception {
        SoapServers.unregister(this);
        super.doStop();
    }
}
