package io.unikernal.adapter.grpc;

import io.unikernal.adapter.grpc.component.GrpcDynamicConstants;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Before a call: the message's correlation id goes as {@code x-correlation-id} metadata (the called service's
 * conventional header, as over HTTP), beside the {@code udm*} envelope the header filter lets out.
 */
public final class GrpcCallEnvelope implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation != null) {
            message.setHeader(GrpcDynamicConstants.CORRELATION_ID, correlation);
        } else {
            message.removeHeader(GrpcDynamicConstants.CORRELATION_ID);
        }
    }
}
