package io.unikernal.translate.soap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.unikernal.adapter.soap.component.SoapCallFailure;
import io.unikernal.adapter.soap.component.SoapFaultRejection;
import io.unikernal.adapter.soap.component.XmlJson;
import io.unikernal.runtime.MessageRejectedException;
import io.unikernal.translate.spi.RestErrorAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * A failed translated SOAP call as an HTTP error with {@code {"faultcode", "faultstring", "detail"}}: the service's
 * fault passed on — a {@code Client}/{@code Sender} fault is 400 (the request is at fault), any other
 * ({@code Server}/{@code Receiver}, {@code VersionMismatch}, {@code MustUnderstand}) 502 (the service behind the
 * gateway failed) — with its code's local name, its string and its detail as JSON; a call that got no SOAP answer
 * is 502 with a {@code Server} code and only the correlation id; a request refused before the call keeps its own
 * status (400 a body that does not fit, 404 no such operation, 405 another verb, 415 not JSON) with a {@code Client}
 * code. Never a Java exception's text; the failure is logged with its root cause for the operator.
 */
public final class RestSoapError extends RestErrorAnswer {

    static final String BEAN = "rest-soap-error";

    @Override
    protected String methodProperty() {
        return RestToSoap.OPERATION_PROPERTY;
    }

    @Override
    protected Answer answer(Throwable failure, String correlation) {
        Fault fault = fault(failure, correlation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("faultcode", fault.code);
        body.put("faultstring", fault.text);
        body.put("detail", fault.detail);
        if (correlation != null) {
            body.put("correlationId", correlation);
        }
        return new Answer(fault.status, fault.code, body);
    }

    private record Fault(int status, String code, String text, Object detail) {
    }

    private static Fault fault(Throwable failure, String correlation) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoapFaultRejection rejection && rejection.fault().isPresent()) {
                return fromFault(rejection.fault().get(), 400);
            }
            if (t instanceof SoapCallFailure call) {
                Optional<SoapFault> fault = call.fault();
                return fault.isPresent() ? fromFault(fault.get(), 502) : new Fault(502, "Server",
                        "the SOAP service gave no usable answer" + of(correlation), null);
            }
            if (t instanceof RestSoapRefusal refusal) {
                return new Fault(refusal.status(), "Client", refusal.getMessage(), null);
            }
            if (t instanceof MessageRejectedException rejected) {
                return new Fault(rejected.status(), "Client", rejected.getMessage(), rejected.details().isEmpty()
                        ? null : Map.of("problems", rejected.details()));
            }
        }
        return new Fault(500, "Server", "the call failed" + of(correlation), null);
    }

    /** The service's fault: its code's local name, its string, its detail's children as JSON. */
    private static Fault fromFault(SoapFault fault, int status) {
        String code = fault.getFaultCode() == null ? "Server" : fault.getFaultCode().getLocalPart();
        ObjectNode detail = fault.getDetail() == null ? null : XmlJson.toJson(fault.getDetail());
        String text = fault.getReason() != null ? fault.getReason() : fault.getMessage();
        return new Fault(status, code, text == null ? code : text, detail == null || detail.isEmpty() ? null : detail);
    }

    private static String of(String correlation) {
        return correlation == null ? "" : " (correlation id " + correlation + ")";
    }

}
