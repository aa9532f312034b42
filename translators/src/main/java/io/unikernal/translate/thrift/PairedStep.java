package io.unikernal.translate.thrift;

import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.thrift.component.ThriftContract;
import io.unikernal.runtime.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Processor;

/**
 * A step of a Thrift/gRPC translation's route: it knows its method pair by the two contracts' paths and method names
 * (bean properties, so the emitted YAML names them), read as the files are now (both loaders cache by modification
 * time).
 */
abstract class PairedStep implements Processor {

    private String idl;
    private String thriftMethod;
    private String proto;
    private String protoMethod;

    public void setIdl(String idl) {
        this.idl = idl;
    }

    public void setThriftMethod(String thriftMethod) {
        this.thriftMethod = thriftMethod;
    }

    public void setProto(String proto) {
        this.proto = proto;
    }

    public void setProtoMethod(String protoMethod) {
        this.protoMethod = protoMethod;
    }

    MethodPair pair() {
        return new MethodPair(ThriftContract.load(Path.of(idl)).method(thriftMethod),
                ProtoContract.load(Path.of(proto)).method(protoMethod));
    }

    ProtoContract protoContract() {
        return ProtoContract.load(Path.of(proto));
    }

    /** The body as a JSON value: the adapters give a parsed map, or JSON text. */
    static Object json(Object body) {
        if (body instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            return text.isBlank() ? Map.of() : StrictJson.read(text, Object.class);
        }
        return body == null ? Map.of() : body;
    }

    static Map<?, ?> object(Object body) {
        Object json = json(body);
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new MappingRefusal("the message must be a JSON object");
    }
}
