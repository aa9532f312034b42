package io.unikernal.translate.thrift;

/** Which way a value travels: what the sending side can hold must fit the receiving side. */
enum Direction {
    /** A Thrift value becomes a protobuf one (a Thrift caller's arguments, a Thrift service's result). */
    TO_PROTO,
    /** A protobuf value becomes a Thrift one (a gRPC caller's request, a gRPC service's reply). */
    TO_THRIFT
}
