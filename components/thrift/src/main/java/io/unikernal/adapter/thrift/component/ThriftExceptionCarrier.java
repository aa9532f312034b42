package io.unikernal.adapter.thrift.component;

import java.util.Map;

/** A failure that is a declared Thrift exception a called service threw: its type name and its fields as JSON. */
public interface ThriftExceptionCarrier {

    /** The exception's type name as the IDL writes it (without include prefix). */
    String exceptionType();

    /** Its fields, by name. */
    Map<String, Object> exceptionFields();
}
