package io.unikernal.adapter.jdbc.listen;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code pg-listen:<channel>}: PostgreSQL {@code LISTEN} on a connection of its own, each notification one exchange
 * (pgjdbc's {@code PGConnection.getNotifications(timeout)}), listening again after the connection drops.
 */
@Component("pg-listen")
public class PgListenComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PgListenEndpoint endpoint = new PgListenEndpoint(uri, this);
        endpoint.setChannel(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
