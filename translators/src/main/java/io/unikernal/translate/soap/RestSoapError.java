package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernal.adapter.soap.component.SoapCallFailure;
import io.unikernal.adapter.soap.component.SoapFaultRejection;
import io.unikernal.adapter.soap.component.XmlJson;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.runtime.RootCause;
import io.unikernal.runtime.StrictJson;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udm.UdmHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.cxf.binding.soap.SoapFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed translated SOAP call as an HTTP error with {@code {"faultcode", "faultstring", "detail"}}: the service's
 * fault passed on — a {@code Client}/{@code Sender} fault is 400 (the request is at fault), any other
 * ({@code Server}/{@code Receiver}, {@code VersionMismatch}, {@code MustUnderstand}) 502 (the service behind the
 * gateway failed) — with its code's local name, its string and its detail as JSON; a call that got no SOAP answer
 * is 502 with a {@code Server} code and only the correlation id; a request refused before the call keeps its own
 * status (400 a body that does not fit, 404 no such operation, 405 another verb, 415 not JSON) with a {@code Client}
 * code. Never a Java exception's text; the failure is logged with its root cause for the operator.
 */
public final class RestSoapError implements Processor {

    static final String BEAN = "rest-soap-error";
    private static final Logger LOG = LoggerFactory.getLogger(RestSoapError.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String correlation = message.getHeader(UdmHeaders.CORRELATION_ID, String.class);
        Answer answer = answer(failure, correlation);
        LOG.warn("translation {} answered {} {} (correlation id {}): {}", exchange.getFromRouteId(), answer.status,
                answer.code, correlation, RootCause.message(failure));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("faultcode", answer.code);
        body.put("faultstring", answer.text);
        body.put("detail", answer.detail);
        if (correlation != null) {
            body.put("correlationId", correlation);
        }
        message.getHeaders().clear();
        envelope(message, answer.status, correlation);
        message.setBody(StrictJson.write(body));
        TranslationMetrics.record(exchange, exchange.getProperty(RestToSoap.OPERATION_PROPERTY, String.class),
                answer.status);
    }

    private record Answer(int status, String code, String text, Object detail) {
    }

    private static Answer answer(Throwable failure, String correlation) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoapFaultRejection rejection && rejection.fault().isPresent()) {
                return fromFault(rejection.fault().get(), 400);
            }
            if (t instanceof SoapCallFailure call) {
                Optional<SoapFault> fault = call.fault();
                return fault.isPresent() ? fromFault(fault.get(), 502) : new Answer(502, "Server",
                        "the SOAP service gave no usable answer" + of(correlation), null);
            }
            if (t instanceof RestSoapRefusal refusal) {
                return new Answer(refusal.status(), "Client", refusal.getMessage(), null);
            }
            if (t instanceof MessageRejectedException rejected) {
                return new Answer(rejected.status(), "Client", rejected.getMessage(), rejected.details().isEmpty()
                        ? null : Map.of("problems", rejected.details()));
            }
        }
        return new Answer(500, "Server", "the call failed" + of(correlation), null);
    }

    /** The service's fault: its code's local name, its string, its detail's children as JSON. */
    private static Answer fromFault(SoapFault fault, int status) {
        String code = fault.getFaultCode() == null ? "Server" : fault.getFaultCode().getLocalPart();
        ObjectNode detail = fault.getDetail() == null ? null : XmlJson.toJson(fault.getDetail());
        String text = fault.getReason() != null ? fault.getReason() : fault.getMessage();
        return new Answer(status, code, text == null ? code : text, detail == null || detail.isEmpty() ? null : detail);
    }

    private static String of(String correlation) {
        return correlation == null ? "" : " (correlation id " + correlation + ")";
    }

    /** Status, JSON content type and correlation id of a translation's response. */
    static void envelope(Message message, int status, String correlation) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (correlation != null) {
            message.setHeader("X-Correlation-Id", correlation);
        }
    }
}
