package io.unikernal.translate.thrift;

import org.apache.camel.Exchange;

/**
 * A gRPC caller's request message (checked by the grpc adapter against the .proto) as the Thrift method's
 * arguments.
 */
public final class GrpcCallerRequest extends PairedStep {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(pair().requestToThrift(object(exchange.getMessage().getBody())));
    }
}
