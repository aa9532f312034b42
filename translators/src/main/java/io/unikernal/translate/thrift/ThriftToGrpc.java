package io.unikernal.translate.thrift;

import io.unikernal.udl.model.SystemDecl;
import java.util.List;

/** {@code protocol: thrift} on a thrift system, calling a grpc system: Thrift callers, gRPC service. */
public final class ThriftToGrpc extends ThriftGrpcKind {

    private static final String DESCRIPTION =
            "every method of the thrift system's IDL served on its port, each calling the unary gRPC method of"
            + " the same name (or UpperCamel) of the .proto: fields by name, documented type coercions with"
            + " narrowing range-checked, a gRPC status as the method's declared exception named after it (or"
            + " with a code field), else TApplicationException INTERNAL_ERROR; what cannot map is refused at"
            + " check time";

    public ThriftToGrpc() {
        super("thrift", "grpc", DESCRIPTION, ThriftCallerRequest.class, ThriftCallerReply.class,
                ThriftCallerError.class);
    }

    @Override
    MethodPairs pairs(SystemDecl expose, SystemDecl target) {
        return MethodPairs.exposingThrift(thriftContract(expose), protoContract(target));
    }

    @Override
    String exposedMethod(MethodPair pair) {
        return pair.thrift().fullName();
    }

    @Override
    String calledMethod(MethodPair pair) {
        return pair.proto().fullName();
    }

    @Override
    List<String> exposedMethods(SystemDecl expose) {
        return List.copyOf(thriftContract(expose).methods().keySet());
    }
}
