package io.unikernal.translate.graphql;

import org.apache.camel.Exchange;

/**
 * What the fields of one GraphQL request share, kept in its GraphQL context: the REST client, the correlation id
 * every call carries, and the exchange its metrics are recorded on.
 */
record RequestScope(RestClient client, String correlationId, Exchange exchange) {

    static final String KEY = RequestScope.class.getName();
    /** The request's java-dataloader of GET calls: equal calls are made once per request. */
    static final String GETS = "rest-gets";
}
