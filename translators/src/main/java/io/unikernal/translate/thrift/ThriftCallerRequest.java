package io.unikernal.translate.thrift;

import org.apache.camel.Exchange;

/** A Thrift caller's arguments (checked by the thrift adapter against the IDL) as the gRPC request message's JSON. */
public final class ThriftCallerRequest extends PairedStep {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(pair().requestToProto(object(exchange.getMessage().getBody())));
    }
}
