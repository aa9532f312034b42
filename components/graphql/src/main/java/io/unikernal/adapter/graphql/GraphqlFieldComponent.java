package io.unikernal.adapter.graphql;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code graphql-field:Type.field?schema=...&path=/graphql}: a route that resolves one field of the query or
 * mutation type of a GraphQL schema served on the app's platform-http listener ({@link GraphqlServer}).
 */
public final class GraphqlFieldComponent extends DefaultComponent {

    static final String SCHEME = "graphql-field";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GraphqlFieldEndpoint endpoint = new GraphqlFieldEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
