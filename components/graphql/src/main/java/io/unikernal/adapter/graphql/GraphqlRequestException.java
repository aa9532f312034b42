package io.unikernal.adapter.graphql;

/** A request body that is no GraphQL request; the message is a sentence for the caller (no exception text). */
public final class GraphqlRequestException extends Exception {

    GraphqlRequestException(String message) {
        super(message, null, false, false);
    }
}
