package io.unikernal.translate.thrift;

import io.grpc.Status;
import io.unikernal.adapter.thrift.component.ServedReply;
import io.unikernal.adapter.thrift.component.ThriftDynamicConstants;
import io.unikernal.translate.rest.GatewayStatus;
import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;

/** The gRPC service's reply message as the Thrift method's result, answered by the thrift adapter's server. */
public final class ThriftCallerReply extends PairedStep {

    @Override
    public void process(Exchange exchange) {
        MethodPair pair = pair();
        Object result;
        try {
            result = pair.resultToThrift(object(exchange.getMessage().getBody()));
        } catch (MappingRefusal e) {
            throw new ReplyMismatch(e);
        }
        exchange.setProperty(ThriftDynamicConstants.REPLY_PROPERTY, ServedReply.fromBody(pair.thrift(), result, null));
        TranslationMetrics.record(exchange, pair.thrift().fullName(), GatewayStatus.http(Status.Code.OK));
    }
}
