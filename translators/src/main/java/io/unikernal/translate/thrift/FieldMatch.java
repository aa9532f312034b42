package io.unikernal.translate.thrift;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.util.Locale;

/**
 * Which field of one side is which field of the other: the same name, else the same name once case and underscores
 * are ignored ({@code order_id} is {@code orderId}), since Thrift IDLs often write lowerCamel and .proto files
 * snake_case. Names are matched, never field ids: the two contracts number their fields independently.
 */
final class FieldMatch {

    private FieldMatch() {
    }

    static FieldDescriptor inMessage(Descriptor message, String thriftName) {
        FieldDescriptor exact = message.findFieldByName(thriftName);
        if (exact != null) {
            return exact;
        }
        for (FieldDescriptor field : message.getFields()) {
            if (loose(field.getName()).equals(loose(thriftName)) || field.getJsonName().equals(thriftName)) {
                return field;
            }
        }
        return null;
    }

    static Field inStruct(StructType struct, String protoName) {
        Field exact = struct.field(protoName);
        if (exact != null) {
            return exact;
        }
        for (Field field : struct.fields()) {
            if (loose(field.name()).equals(loose(protoName))) {
                return field;
            }
        }
        return null;
    }

    private static String loose(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
