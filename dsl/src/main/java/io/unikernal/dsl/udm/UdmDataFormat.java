package io.unikernal.dsl.udm;

import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmCodecException;
import io.unikernal.udm.UdmExchange;
import io.unikernal.udm.UdmJsonCodec;
import io.unikernal.udm.UdmMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * UDM messages as a Camel data format, over the kernel's codecs: {@code marshal} writes the exchange (body and the
 * UDM envelope headers, see {@link io.unikernal.udm.UdmHeaders}) as a UDM message, {@code unmarshal} reads one back
 * into the exchange. {@link #json()} is the v8 JSON envelope ({@code docs/udm.md}; a bare JSON object reads as a
 * payload), {@link #binary()} the protobuf form. JSON to binary is {@code .unmarshal(json()).marshal(binary())}.
 * A malformed message fails with {@link UdmCodecException}, whose message says what is wrong without echoing it.
 */
public final class UdmDataFormat extends ServiceSupport implements DataFormat {

    private final String name;
    private final Function<UdmMessage, byte[]> encoder;
    private final Function<byte[], UdmMessage> decoder;

    private UdmDataFormat(String name, Function<UdmMessage, byte[]> encoder, Function<byte[], UdmMessage> decoder) {
        this.name = name;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** The v8 JSON envelope. */
    public static UdmDataFormat json() {
        UdmJsonCodec json = new UdmJsonCodec();
        return new UdmDataFormat("udm-json", json::encode, json::decode);
    }

    /** The binary (protobuf) form of {@code docs/udm.md}: the {@code UDM} prefix and format byte, then the envelope. */
    public static UdmDataFormat binary() {
        UdmBinaryCodec binary = new UdmBinaryCodec();
        return new UdmDataFormat("udm-binary", binary::encode, binary::decode);
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        exchange.getIn().setBody(graph);
        stream.write(encoder.apply(UdmExchange.read(exchange)));
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        UdmMessage message = decoder.apply(stream.readAllBytes());
        UdmExchange.write(message, exchange);
        // a Message, not a body: Camel's unmarshal copies the message before calling us and keeps only the body of
        // any other result, which would drop the envelope headers just written
        return exchange.getIn().copy();
    }

    @Override
    public String toString() {
        return name;
    }
}
