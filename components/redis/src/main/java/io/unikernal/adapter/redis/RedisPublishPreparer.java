package io.unikernal.adapter.redis;

import io.unikernal.runtime.StrictJson;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The body of a publish: JSON text (a text body as it is). Headers are not touched: a channel carries none, so none
 * of them can leave the app this way.
 */
public final class RedisPublishPreparer implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof String) && !(body instanceof byte[])) {
            exchange.getMessage().setBody(StrictJson.write(body));
        }
    }
}
