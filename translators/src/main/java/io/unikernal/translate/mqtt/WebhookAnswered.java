package io.unikernal.translate.mqtt;

import io.unikernal.translate.spi.TranslationMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After the webhook answered 2xx (any other answer failed the call, which the route retries): the call counted in
 * {@link TranslationMetrics} under the topic filter and the status. The route then ends and the message is
 * acknowledged.
 */
public final class WebhookAnswered implements Processor {

    private String filter;

    public void setFilter(String filter) {
        this.filter = filter;
    }

    @Override
    public void process(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        TranslationMetrics.record(exchange, filter, status == null ? 200 : status);
    }
}
