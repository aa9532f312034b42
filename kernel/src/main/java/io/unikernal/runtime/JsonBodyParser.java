package io.unikernal.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses a textual JSON body (bytes, stream, String) into a JSON-like value — Map, List or scalar — and leaves an
 * already parsed value alone. Parsing is strict: bytes must be UTF-8, a key may appear once per object, nothing may
 * follow the value, and numbers must be within {@link JsonValueLimits}. An empty body becomes an empty object
 * (marked {@link #EMPTY_BODY}, so a schema can say "empty body"). Malformed JSON is rejected with its position.
 */
public final class JsonBodyParser implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(parse(exchange, exchange.getMessage().getBody()));
    }

    /**
     * Exchange property holding the message as received — its text, or the parsed payload it arrived as — for
     * dead-letter records. (Camel's own original-message copy costs a copy per exchange; this costs one reference.)
     */
    public static final String RAW_PAYLOAD = "UnikernalRawPayload";
    /** Exchange property set (to true) when the message arrived with no body at all. */
    public static final String EMPTY_BODY = "UnikernalEmptyBody";

    static Object parse(Exchange exchange, Object body) throws Exception {
        if (body instanceof Map || body instanceof List || body instanceof Number || body instanceof Boolean) {
            // steps never change a payload in place, so the reference still shows the message as it came
            if (exchange.getProperty(RAW_PAYLOAD) == null) {
                exchange.setProperty(RAW_PAYLOAD, body);
            }
            return body;
        }
        if (body instanceof String text) {
            remember(exchange, text);
            return text.isBlank() ? empty(exchange) : read(StrictJson.MAPPER.readerFor(Object.class), text, null);
        }
        byte[] bytes = bytes(exchange, body);
        // streams can be read once: keep the text so a failure later can still report the message as it came
        remember(exchange, new String(bytes, StandardCharsets.UTF_8));
        return isBlank(bytes) ? empty(exchange) : read(StrictJson.MAPPER.readerFor(Object.class), null, bytes);
    }

    /** Keeps the body as it came for the dead-letter record, without reading it as JSON (its type was refused). */
    static void keepAsReceived(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof String text) {
            remember(exchange, text);
        } else if (!(body instanceof Map || body instanceof List || body instanceof Number || body instanceof Boolean)) {
            byte[] bytes = bytes(exchange, body);
            exchange.getMessage().setBody(bytes); // a stream can be read once
            remember(exchange, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(Exchange exchange, Object body) throws Exception {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof InputStream in) {
            return in.readAllBytes();
        }
        // e.g. a Vert.x buffer: its bytes, not a text decoded with replacement characters
        byte[] bytes = exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        return bytes != null ? bytes : exchange.getContext().getTypeConverter()
                .mandatoryConvertTo(String.class, exchange, body).getBytes(StandardCharsets.UTF_8);
    }

    private static void remember(Exchange exchange, String text) {
        if (exchange.getProperty(RAW_PAYLOAD) == null) {
            exchange.setProperty(RAW_PAYLOAD, text);
        }
    }

    private static Object empty(Exchange exchange) {
        exchange.setProperty(EMPTY_BODY, true);
        return new LinkedHashMap<String, Object>();
    }

    /** True when the message arrived without a body (it was made an empty object). */
    public static boolean arrivedEmpty(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(EMPTY_BODY));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static Object read(com.fasterxml.jackson.databind.ObjectReader reader, String text, byte[] bytes) {
        Object value;
        try {
            value = text != null ? reader.readValue(text) : reader.readValue(bytes);
        } catch (StreamConstraintsException e) {
            // Jackson names its own Java class in this message; the caller needs the limit only
            throw new MessageRejectedException("the body is not valid JSON",
                    List.of(e.getOriginalMessage().replaceAll(",? *from `[^`]*`", "")));
        } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
            // Jackson's text names Java's long; a caller needs the range and the way out
            throw new MessageRejectedException("the body has a number outside the supported range",
                    List.of("an integer beyond 64 bits" + where(e) + " is outside -9223372036854775808.."
                            + "9223372036854775807; a decimal that large is written with a fraction or an exponent"
                            + " (e.g. 1.5e20)"));
        } catch (com.fasterxml.jackson.databind.DatabindException e) {
            // the reader's own wording names Java types and Jackson features; the only such failure of an untyped
            // read is content after the value
            throw new MessageRejectedException("the body is not valid JSON",
                    List.of("there is more after the JSON value" + where(e)));
        } catch (JsonProcessingException e) {
            throw new MessageRejectedException("the body is not valid JSON",
                    List.of(e.getOriginalMessage() + where(e)));
        } catch (NumberFormatException e) {
            // an exponent beyond what any number type holds (1e99999999999) fails inside the reader
            throw new MessageRejectedException("the body has a number outside the supported range",
                    List.of("a number's exponent is out of range; a number may have up to "
                            + JsonValueLimits.MAX_INTEGER_DIGITS + " digits before the decimal point and up to "
                            + JsonValueLimits.MAX_FRACTION_DIGITS + " after it"));
        } catch (java.io.IOException e) {
            throw new MessageRejectedException("the body is not valid JSON", List.of("it could not be read"));
        }
        JsonValueLimits.check(value);
        return value;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
