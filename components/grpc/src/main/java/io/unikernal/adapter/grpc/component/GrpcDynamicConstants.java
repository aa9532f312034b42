package io.unikernal.adapter.grpc.component;

import org.apache.camel.spi.Metadata;

/**
 * The headers and exchange properties of the {@code grpc-dynamic} component. Request metadata (ASCII keys) arrive as
 * headers of the same name; these are the component's own.
 */
public final class GrpcDynamicConstants {

    @Metadata(description = "The method served or called, package.Service/Method.", javaType = "String")
    public static final String METHOD = "CamelGrpcMethod";
    @Metadata(label = "consumer", description = "Set by the route to answer the call with this gRPC status code"
            + " (a name such as NOT_FOUND, or its number) instead of a reply message; OK or absent: the body is the"
            + " reply.", javaType = "String")
    public static final String STATUS = "CamelGrpcStatus";
    @Metadata(label = "consumer", description = "The description sent with CamelGrpcStatus.", javaType = "String")
    public static final String STATUS_DESCRIPTION = "CamelGrpcStatusDescription";

    /** Exchange property: the {@link ProtoMethod} of the call. */
    public static final String METHOD_PROPERTY = "CamelGrpcProtoMethod";
    /**
     * Exchange property: the {@link ProtoMethod} a {@code grpc-dynamic:*} producer calls — one endpoint for every
     * method of a contract, the method chosen per exchange (a REST → gRPC translation), with no endpoint per method
     * and no {@code toD}.
     */
    public static final String CALL_METHOD_PROPERTY = "CamelGrpcCallMethod";
    /** Exchange property: the {@link ProtoContract} the method is from (its types, for the JSON mapping). */
    public static final String CONTRACT_PROPERTY = "CamelGrpcProtoContract";
    /**
     * Exchange property: the {@link io.grpc.Deadline} of the call that started the exchange, when its caller gave one;
     * every gRPC call the route makes is bounded by it (deadline propagation).
     */
    public static final String DEADLINE_PROPERTY = "CamelGrpcDeadline";

    /**
     * Exchange property: the {@link io.grpc.Context} of the call that started the exchange; cancelled when its caller
     * cancels it or its deadline passes, which ends the calls the route makes for it.
     */
    public static final String SERVED_CONTEXT_PROPERTY = "CamelGrpcServedContext";

    /** The metadata key that carries the correlation id, both ways (as X-Correlation-Id does over HTTP). */
    public static final String CORRELATION_ID = "x-correlation-id";

    private GrpcDynamicConstants() {
    }
}
