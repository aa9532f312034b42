package io.unikernal.adapter.thrift.component;

import org.apache.camel.spi.Metadata;

/** The headers and exchange properties of the {@code thrift-dynamic} component. Thrift messages carry no headers. */
public final class ThriftDynamicConstants {

    @Metadata(description = "The method served or called, Service.method.", javaType = "String")
    public static final String METHOD = "CamelThriftMethod";
    @Metadata(label = "consumer", description = "Set by the route to answer the call with this declared exception"
            + " of the method (its type name, as the IDL writes it, or the name of its throws field) instead of the"
            + " result; the body is then the exception's fields.", javaType = "String")
    public static final String EXCEPTION = "thrift-exception";

    /** Exchange property: the {@link ThriftMethod} of the call. */
    public static final String METHOD_PROPERTY = "CamelThriftDynamicMethod";
    /** Exchange property: the {@link ServedReply} the route made (else the consumer makes it from the body). */
    public static final String REPLY_PROPERTY = "CamelThriftDynamicReply";

    private ThriftDynamicConstants() {
    }
}
