package io.unikernal.translate.thrift;

import io.unikernal.udl.model.SystemDecl;
import java.util.List;

/** {@code protocol: thrift} on a thrift system, calling a grpc system: Thrift callers, gRPC service. */
public final class ThriftToGrpc extends ThriftGrpcKind {

    @Override
    public String protocol() {
        return "thrift";
    }

    @Override
    public String targetAdapter() {
        return "grpc";
    }

    @Override
    public String description() {
        return "every method of the thrift system's IDL served on its port, each calling the unary gRPC method of"
                + " the same name (or UpperCamel) of the .proto: fields by name, documented type coercions with"
                + " narrowing range-checked, a gRPC status as the method's declared exception named after it (or"
                + " with a code field), else TApplicationException INTERNAL_ERROR; what cannot map is refused at"
                + " check time";
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

    @Override
    Class<? extends PairedStep> request() {
        return ThriftCallerRequest.class;
    }

    @Override
    Class<? extends PairedStep> reply() {
        return ThriftCallerReply.class;
    }

    @Override
    Class<? extends PairedStep> error() {
        return ThriftCallerError.class;
    }
}
