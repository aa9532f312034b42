package io.unikernal.translate.thrift;

import io.unikernal.udl.model.SystemDecl;
import java.util.List;

/** {@code protocol: grpc} on a grpc system, calling a thrift system: gRPC callers, Thrift service. */
public final class GrpcToThrift extends ThriftGrpcKind {

    private static final String DESCRIPTION =
            "every unary method of the grpc system's .proto served on its port, each calling the Thrift method"
            + " of the same name (or lowerCamel) of the IDL: fields by name, documented type coercions with"
            + " narrowing range-checked (INVALID_ARGUMENT), a declared Thrift exception as the status it is named"
            + " after (else UNKNOWN) with its fields in the description; what cannot map is refused at check"
            + " time";

    public GrpcToThrift() {
        super("grpc", "thrift", DESCRIPTION, GrpcCallerRequest.class, GrpcCallerReply.class, GrpcCallerError.class);
    }

    @Override
    MethodPairs pairs(SystemDecl expose, SystemDecl target) {
        return MethodPairs.exposingGrpc(protoContract(expose), thriftContract(target));
    }

    @Override
    String exposedMethod(MethodPair pair) {
        return pair.proto().fullName();
    }

    @Override
    String calledMethod(MethodPair pair) {
        return pair.thrift().fullName();
    }

    @Override
    List<String> exposedMethods(SystemDecl expose) {
        return List.copyOf(protoContract(expose).methods().keySet());
    }
}
