package io.unikernal.adapter.thrift;

import io.unikernal.adapter.thrift.component.ThriftConnection;
import io.unikernal.adapter.thrift.component.ThriftProtocols;
import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.runtime.health.ServeAndCallProbe;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * The probe of a thrift system. Serving (a port): before the app starts the port must be free to bind; once running
 * the listener must accept connections. Calling (an address): the server must answer as a Thrift server of the same
 * transport and protocol — the probe calls a method no service has, {@value #PROBE_METHOD}, which a Thrift server
 * answers UNKNOWN_METHOD without running anything. An unknown host, or a server that answers something that is no
 * Thrift reply of that protocol, is permanent (the start fails with one line); a refused connection or no answer in
 * time is transient (the kernel retries).
 */
public class ThriftProbe extends ServeAndCallProbe {

    static final String PROBE_METHOD = "__unikernal_probe__";
    private static final int TIMEOUT_MILLIS = 2000;

    private String protocol = ThriftProtocols.BINARY;
    private int maxFrameSize = org.apache.thrift.TConfiguration.DEFAULT_MAX_FRAME_SIZE;

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected String listenerProtocol() {
        return "Thrift";
    }

    @Override
    protected ProbeResult checkServer() {
        ThriftProtocols protocols = new ThriftProtocols(protocol, maxFrameSize);
        ThriftConnection connection;
        try {
            connection = ThriftConnection.open(address(), protocols, TIMEOUT_MILLIS);
        } catch (TException e) {
            ProbeResult network = NetworkFailures.classify(e, "cannot connect to " + address() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            return network != null ? network : ProbeResult.unavailable("cannot connect to " + address());
        }
        try (connection) {
            TProtocol out = connection.protocol();
            out.writeMessageBegin(new TMessage(PROBE_METHOD, TMessageType.CALL, 1));
            out.writeStructBegin(new TStruct(PROBE_METHOD + "_args"));
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeMessageEnd();
            out.getTransport().flush();
            TMessage reply = out.readMessageBegin();
            if (reply.type == TMessageType.EXCEPTION) {
                TApplicationException.readFrom(out);
            } else {
                TProtocolUtil.skip(out, TType.STRUCT);
            }
            return ProbeResult.up();
        } catch (TException | RuntimeException e) {
            ProbeResult network = NetworkFailures.classify(e, "no answer from " + address() + " within "
                    + TIMEOUT_MILLIS + " ms");
            if (network != null) {
                return network;
            }
            return ProbeResult.misconfigured(address() + " does not answer as a Thrift server (" + protocols + ")",
                    "check the address and protocol: is a Thrift server with framed transport listening there?");
        }
    }
}
