package io.unikernal.bench.udm;

import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import io.unikernal.udm.UdmMessage;
import io.unikernal.udm.proto.HeaderEntry;
import io.unikernal.udm.proto.UdmArray;
import io.unikernal.udm.proto.UdmDecimal;
import io.unikernal.udm.proto.UdmEnvelope;
import io.unikernal.udm.proto.UdmMember;
import io.unikernal.udm.proto.UdmObject;
import io.unikernal.udm.proto.UdmValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A UDM message as protoc's generated classes for udm.proto hold it, built independently of the codec: in binary
 * format 9 (key table, packed key indexes, small decimals) or in the older format 8 (names inline, decimals as text).
 */
public final class UdmProtoForm {

    private final boolean format9;
    private final Map<String, Integer> keys = new LinkedHashMap<>();

    private UdmProtoForm(boolean format9) {
        this.format9 = format9;
    }

    /** Format 9, as the codec writes it. */
    public static UdmEnvelope of(UdmMessage m) {
        return new UdmProtoForm(true).envelope(m);
    }

    /** Format 8, as the codec wrote it before. */
    public static UdmEnvelope format8(UdmMessage m) {
        return new UdmProtoForm(false).envelope(m);
    }

    private UdmEnvelope envelope(UdmMessage m) {
        UdmEnvelope.Builder b = UdmEnvelope.newBuilder().setId(m.correlationId()).setSource(m.source())
                .setCreatedAt(Timestamp.newBuilder().setSeconds(m.createdAt().getEpochSecond())
                        .setNanos(m.createdAt().getNano()))
                .setBody(value(m.body()));
        if (m.schema() != null) {
            b.setSchemaName(m.schema()).setSchemaVersion(m.schemaVersion());
        }
        m.headers().forEach((k, v) -> b.addHeaders(HeaderEntry.newBuilder().setKey(k).setValue(v)));
        b.addAllKeys(keys.keySet());
        return b.build();
    }

    private UdmValue value(Object v) {
        UdmValue.Builder b = UdmValue.newBuilder();
        if (v == null) {
            b.setNullValue(NullValue.NULL_VALUE);
        } else if (v instanceof Boolean x) {
            b.setBoolValue(x);
        } else if (v instanceof Long x) {
            b.setIntValue(x);
        } else if (v instanceof Double x) {
            b.setDoubleValue(x);
        } else if (v instanceof BigDecimal x) {
            if (format9 && x.unscaledValue().bitLength() < 64) {
                b.setSmallDecimal(UdmDecimal.newBuilder().setUnscaled(x.unscaledValue().longValue())
                        .setScale(x.scale()));
            } else {
                b.setDecimalValue(x.toString());
            }
        } else if (v instanceof String x) {
            b.setStringValue(x);
        } else if (v instanceof Map<?, ?> map) {
            UdmObject.Builder o = UdmObject.newBuilder();
            if (format9) {
                // keys are numbered in order of first use: a member's key, then the keys inside its value
                map.forEach((k, x) -> {
                    o.addKeys(keys.computeIfAbsent((String) k, name -> keys.size()));
                    o.addValues(value(x));
                });
            } else {
                map.forEach((k, x) -> o.addMembers(UdmMember.newBuilder().setName((String) k).setValue(value(x))));
            }
            b.setObjectValue(o);
        } else if (v instanceof List<?> list) {
            UdmArray.Builder a = UdmArray.newBuilder();
            list.forEach(x -> a.addValues(value(x)));
            b.setArrayValue(a);
        } else {
            throw new IllegalArgumentException("not a UDM value: " + v.getClass());
        }
        return b.build();
    }
}
