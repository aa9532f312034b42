package io.unikernal.adapter.thrift;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * {@code orders.thrift}'s Order (1: string id, 2: i32 n, 3: string note) written and read with libthrift's protocol
 * calls by hand, as generated code would: the contract peers never depend on the adapter's own IDL reading.
 */
final class OrdersWire {

    private OrdersWire() {
    }

    /** Writes the fields of an Order (id, n, note) as a struct named {@code name}. */
    static void write(TProtocol out, String name, Map<?, ?> order) throws TException {
        out.writeStructBegin(new TStruct(name));
        if (order.get("id") != null) {
            out.writeFieldBegin(new TField("id", TType.STRING, (short) 1));
            out.writeString(String.valueOf(order.get("id")));
            out.writeFieldEnd();
        }
        if (order.get("n") != null) {
            out.writeFieldBegin(new TField("n", TType.I32, (short) 2));
            out.writeI32(((Number) order.get("n")).intValue());
            out.writeFieldEnd();
        }
        if (order.get("note") != null) {
            out.writeFieldBegin(new TField("note", TType.STRING, (short) 3));
            out.writeString(String.valueOf(order.get("note")));
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    /** Reads the fields of an Order; others are skipped. */
    static Map<String, Object> read(TProtocol in) throws TException {
        Map<String, Object> order = new LinkedHashMap<>();
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            if (field.id == 1 && field.type == TType.STRING) {
                order.put("id", in.readString());
            } else if (field.id == 2 && field.type == TType.I32) {
                order.put("n", (long) in.readI32());
            } else if (field.id == 3 && field.type == TType.STRING) {
                order.put("note", in.readString());
            } else {
                TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return order;
    }
}
