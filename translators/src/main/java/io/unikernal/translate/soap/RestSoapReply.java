package io.unikernal.translate.soap;

import io.unikernal.translate.spi.HttpExposure;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The SOAP reply of a translated call as the HTTP response: 200 with the response element as JSON (the soap
 * adapter's mapping, typed by the WSDL's schema), {@code X-Correlation-Id}; no other header, so neither the request's
 * nor the service's HTTP headers are echoed. A one-way operation answers 202 with no body.
 */
public final class RestSoapReply implements Processor {

    static final String BEAN = "rest-soap-reply";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        boolean oneWay = exchange.getProperty(RestToSoap.ONE_WAY_PROPERTY, false, Boolean.class);
        message.getHeaders().clear();
        int status = oneWay ? 202 : 200;
        HttpExposure.envelope(message, status, correlation, "application/json");
        if (oneWay) {
            message.setBody(null);
            message.removeHeader(Exchange.CONTENT_TYPE);
        }
        TranslationMetrics.record(exchange, exchange.getProperty(RestToSoap.OPERATION_PROPERTY, String.class),
                status);
    }
}
