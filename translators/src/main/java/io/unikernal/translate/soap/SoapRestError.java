package io.unikernal.translate.soap;

import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed SOAP-to-REST call as the error reply the soap adapter answers with a fault: the REST service's 4xx a
 * Client (SOAP 1.2 Sender) fault, its 5xx a Server (Receiver) fault, the fault string its error's {@code message} (or
 * {@code error}) and the detail its status; no answer, or a reply that cannot be the response element, a Server fault
 * with status 502; a request that does not fit the WSDL a Client fault with status 400, not forwarded. Never a Java
 * exception's text; the failure is logged with its root cause for the operator.
 */
public final class SoapRestError implements Processor {

    static final String BEAN = "soap-rest-error";
    private static final Logger LOG = LoggerFactory.getLogger(SoapRestError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        if (correlation == null) {
            correlation = exchange.getProperty(UdmHeaders.CORRELATION_ID, String.class);
        }
        int status = 502;
        String text = "the REST service gave no usable answer";
        List<String> details = List.of();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                status = http.getStatusCode();
                text = restMessage(http);
                break;
            }
            if (t instanceof SoapRestRequestUnfit unfit) {
                status = unfit.status();
                text = unfit.getMessage();
                details = unfit.details();
                break;
            }
        }
        LOG.warn("translation {} answered a fault for status {} (correlation id {}): {}", exchange.getFromRouteId(),
                status, correlation, RootCause.message(failure));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", text);
        body.put("details", details);
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (correlation != null) {
            message.setHeader(UdmHeaders.CORRELATION_ID, correlation);
        }
        message.setBody(body);
        TranslationMetrics.record(exchange, exchange.getProperty(RestToSoap.OPERATION_PROPERTY, String.class),
                status);
    }

    /** The REST error's own words: its JSON {@code message} or {@code error}, else its status. */
    private static String restMessage(HttpOperationFailedException http) {
        String body = http.getResponseBody();
        if (body != null && !body.isBlank()) {
            try {
                Object parsed = StrictJson.read(body, Object.class);
                if (parsed instanceof Map<?, ?> map) {
                    for (String key : List.of("message", "error", "faultstring")) {
                        if (map.get(key) instanceof String words && !words.isBlank()) {
                            return words;
                        }
                    }
                }
            } catch (RuntimeException notJson) {
                // a body that is no JSON is not repeated: it may be an HTML error page
            }
        }
        return "the REST service answered HTTP " + http.getStatusCode();
    }
}
