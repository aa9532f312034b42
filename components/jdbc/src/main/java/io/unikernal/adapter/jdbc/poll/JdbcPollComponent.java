package io.unikernal.adapter.jdbc.poll;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code jdbc-poll:<name>}: a table or a SELECT read incrementally by a cursor column, each row one exchange, the
 * cursor of the last finished row kept in a {@link io.unikernal.runtime.checkpoint.CheckpointStore} under
 * {@code name}.
 */
@Component("jdbc-poll")
public class JdbcPollComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("a jdbc-poll endpoint names its checkpoint: jdbc-poll:<name>");
        }
        JdbcPollEndpoint endpoint = new JdbcPollEndpoint(uri, this);
        endpoint.setCheckpoint(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
