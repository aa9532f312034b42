package io.unikernal.translate.graphql;

import io.unikernal.runtime.StrictJson;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Before the HTTP source's JSON normalizer: a request sent as {@code application/graphql} (the body is the query
 * document alone) becomes the {@code application/json} request {@code {"query": <the body>}}, so one reading serves
 * both; any other media type is left for the normalizer to refuse (415).
 */
public final class GraphqlBody implements Processor {

    static final String BEAN = "graphql-body";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(GraphqlAnswers.METHOD_PROPERTY, GraphqlRestServer.REQUEST_METHOD);
        Message message = exchange.getMessage();
        String type = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type != null && type.toLowerCase(Locale.ROOT).strip().startsWith("application/graphql")
                && !type.toLowerCase(Locale.ROOT).contains("json")) {
            String query = message.getBody(String.class);
            message.setBody(StrictJson.write(Map.of("query", query == null ? "" : query)));
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }
}
