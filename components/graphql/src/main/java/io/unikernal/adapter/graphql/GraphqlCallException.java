package io.unikernal.adapter.graphql;

/**
 * A call to a remote GraphQL endpoint failed for a reason that may pass (a 5xx, no connection, no answer in time, a
 * field that failed while the operation ran, a reply that is not GraphQL): the route's retry and dead letter apply.
 * The message is this adapter's own sentence, safe to show: the endpoint, what went wrong, the remote's error
 * messages with their paths.
 */
public final class GraphqlCallException extends RuntimeException {

    GraphqlCallException(String message) {
        super(message);
    }

    GraphqlCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
