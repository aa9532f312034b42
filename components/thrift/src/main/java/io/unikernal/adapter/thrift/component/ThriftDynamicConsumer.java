package io.unikernal.adapter.thrift.component;

import io.unikernal.runtime.CorrelationIds;
import io.unikernal.runtime.IngressRefusals;
import io.unikernal.runtime.SecretMasker;
import io.unikernal.runtime.StrictJson;
import io.unikernal.udm.UdmHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one method on the endpoint's listener: each call is one exchange whose body is the arguments as a JSON
 * object (the IDL's argument names), and whose final body is the result ({@link ServedReply}). Arguments that do not
 * fit the method (a field of another type, a missing required one) are refused with PROTOCOL_ERROR before any route,
 * logged and counted; the connection goes on with the next frame. A route failure is INTERNAL_ERROR with the
 * correlation id, never an exception's text. A oneway call runs its route and is answered nothing.
 */
public class ThriftDynamicConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ThriftDynamicConsumer.class);

    private final ThriftDynamicEndpoint endpoint;

    public ThriftDynamicConsumer(ThriftDynamicEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public ThriftDynamicEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.getComponent().servers().add(endpoint.serverSettings(), this);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().servers().remove(endpoint.serverSettings(), endpoint.thriftMethod().name());
        super.doStop();
    }

    void serve(TMessage call, TProtocol in, TProtocol out, MessageFrames frames) throws TException {
        ThriftMethod method = endpoint.thriftMethod();
        Map<String, Object> arguments;
        try {
            arguments = ThriftValues.readStruct(in, method.arguments());
            in.readMessageEnd();
            if (frames != null) {
                frames.endMessage();
            }
        } catch (TProtocolException | TTransportException e) {
            if (e instanceof TTransportException t && t.getType() != TTransportException.CORRUPTED_DATA) {
                throw t;
            }
            refuse(call, out, method, e.getMessage());
            if (frames == null) {
                throw new TTransportException(TTransportException.END_OF_FILE, "closed after a refused message");
            }
            frames.abandonMessage();
            return;
        }
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            message.setHeader(ThriftDynamicConstants.METHOD, method.fullName());
            message.setBody(StrictJson.write(arguments));
            exchange.setProperty(ThriftDynamicConstants.METHOD_PROPERTY, method);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (call.type == TMessageType.ONEWAY) {
                if (exchange.getException() != null) {
                    LOG.warn("the route serving the oneway call {} failed: {}; correlationId={}", method.fullName(),
                            SecretMasker.mask(String.valueOf(exchange.getException())), correlationOf(exchange));
                }
                return;
            }
            reply(exchange, method).write(out, method, call.seqid);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private ServedReply reply(Exchange exchange, ThriftMethod method) {
        String correlation = correlationOf(exchange);
        if (exchange.getException() != null) {
            LOG.warn("the route serving {} failed: {}; correlationId={}", method.fullName(),
                    SecretMasker.mask(String.valueOf(exchange.getException())), correlation);
            return new ServedReply.Failure(TApplicationException.INTERNAL_ERROR, "the call could not be processed;"
                    + " correlationId=" + correlation);
        }
        ServedReply made = exchange.getProperty(ThriftDynamicConstants.REPLY_PROPERTY, ServedReply.class);
        if (made != null) {
            return made;
        }
        try {
            return ServedReply.fromBody(method, exchange.getMessage().getBody(), exchange.getMessage()
                    .getHeader(ThriftDynamicConstants.EXCEPTION, String.class));
        } catch (ThriftValueException e) {
            LOG.warn("the reply of the route serving {} does not fit: {}; correlationId={}", method.fullName(),
                    e.getMessage(), correlation);
            return new ServedReply.Failure(TApplicationException.INTERNAL_ERROR, "the reply does not fit "
                    + method.fullName() + "; correlationId=" + correlation);
        }
    }

    /** Answers PROTOCOL_ERROR (a call, not a oneway) before any route: logged and counted, not dead-lettered. */
    private void refuse(TMessage call, TProtocol out, ThriftMethod method, String why) throws TException {
        String correlation = CorrelationIds.next();
        LOG.warn("refused a call of {} with PROTOCOL_ERROR: {}; correlationId={}", method.fullName(), why,
                correlation);
        IngressRefusals.count(endpoint.getCamelContext(), getRouteId(), 400);
        if (call.type == TMessageType.CALL) {
            ServedReply.writeApplicationException(out, call.name, call.seqid, TApplicationException.PROTOCOL_ERROR,
                    "the arguments do not fit " + method.fullName() + ": " + why + "; correlationId=" + correlation);
        }
    }

    private static String correlationOf(Exchange exchange) {
        String id = exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class);
        return id != null ? id : "-";
    }
}
