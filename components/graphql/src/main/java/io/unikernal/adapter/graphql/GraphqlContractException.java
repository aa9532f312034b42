package io.unikernal.adapter.graphql;

/** An SDL file that cannot be read or built, in graphql-java's words with the file's line and column. */
public final class GraphqlContractException extends RuntimeException {
    public GraphqlContractException(String message) {
        super(message, null, false, false);
    }
}
