package io.unikernal.adapter.thrift.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic processor of one listener: reads a message's header and hands it to the consumer serving that method
 * name. A method no route serves is answered UNKNOWN_METHOD (as generated servers do) and the connection goes on. A
 * frame over the size limit, a frame that does not hold one well-formed message, or bytes that are no Thrift message
 * at all are logged in one line and the connection is closed; the server goes on serving the others.
 */
final class ServedProcessor implements TProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ServedProcessor.class);

    private final String address;
    private final Map<String, ThriftDynamicConsumer> byName = new ConcurrentHashMap<>();

    ServedProcessor(String address) {
        this.address = address;
    }

    void add(String name, ThriftDynamicConsumer consumer) {
        byName.put(name, consumer);
    }

    void remove(String name) {
        byName.remove(name);
    }

    boolean serves(String name) {
        return byName.containsKey(name);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public void process(TProtocol in, TProtocol out) throws TException {
        MessageFrames frames = MessageFrames.of(in);
        TMessage message;
        try {
            message = in.readMessageBegin();
        } catch (TTransportException e) {
            if (e.getType() == TTransportException.END_OF_FILE || e.getType() == TTransportException.TIMED_OUT) {
                throw e; // the client went away or stayed idle: closed without a word
            }
            throw closing("refused a frame", e);
        } catch (TProtocolException e) {
            throw closing("refused bytes that are no Thrift message", e);
        }
        if (frames != null) {
            frames.beginMessage();
        }
        ThriftDynamicConsumer consumer = byName.get(message.name);
        if (consumer == null || (message.type != TMessageType.CALL && message.type != TMessageType.ONEWAY)) {
            try {
                TProtocolUtil.skip(in, TType.STRUCT);
                in.readMessageEnd();
                if (frames != null) {
                    frames.endMessage();
                }
            } catch (TException e) {
                throw closing("refused a malformed message", e);
            }
            if (consumer == null) {
                LOG.info("a call of the unknown method '{}' on {} is answered UNKNOWN_METHOD", message.name, address);
                if (message.type == TMessageType.CALL) {
                    ServedReply.writeApplicationException(out, message.name, message.seqid,
                            TApplicationException.UNKNOWN_METHOD, "Invalid method name: '" + message.name + "'");
                }
            } else {
                LOG.warn("a message of type {} for {} on {} is answered INVALID_MESSAGE_TYPE", message.type,
                        message.name, address);
                ServedReply.writeApplicationException(out, message.name, message.seqid,
                        TApplicationException.INVALID_MESSAGE_TYPE, "a " + message.name + " message must be a call");
            }
            return;
        }
        consumer.serve(message, in, out, frames);
    }

    /** Logs why, and ends the connection quietly for the server (an end of file is not logged again). */
    private TTransportException closing(String what, Exception e) {
        LOG.warn("{} on {}: {}; the connection is closed", what, address, e.getMessage());
        return new TTransportException(TTransportException.END_OF_FILE, what);
    }
}
