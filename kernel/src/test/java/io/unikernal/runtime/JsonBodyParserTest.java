package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The strict reading of a message body at ingress. */
class JsonBodyParserTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private Object parse(Object body) throws Exception {
        return JsonBodyParser.parse(exchange, body);
    }

    private static MessageRejectedException rejected(ThrowingBody body) {
        try {
            body.run();
        } catch (MessageRejectedException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        throw new AssertionError("expected a rejection");
    }

    interface ThrowingBody {
        void run() throws Exception;
    }

    @Test
    void invalidUtf8IsRefusedNotReplacedWithU0xfffd() {
        byte[] bytes = {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        MessageRejectedException e = rejected(() -> parse(bytes));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.details()).singleElement().asString().contains("UTF-8");
    }

    @Test
    void aDuplicateKeyIsRefusedNotReadLastWins() {
        MessageRejectedException e = rejected(() -> parse("{\"amount\": -5, \"amount\": 1}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(e.details()).singleElement().asString().contains("Duplicate field 'amount'");
        assertThat(rejected(() -> parse("{\"a\": {\"b\": 1, \"b\": 2}}")).details()).singleElement().asString()
                .contains("'b'");
    }

    @Test
    void trailingContentAfterTheValueIsRefused() {
        MessageRejectedException e = rejected(() -> parse("{\"a\": 1} {\"a\": 2}"));
        assertThat(e.getMessage()).isEqualTo("the body is not valid JSON");
        assertThat(e.details()).containsExactly("there is more after the JSON value at line 1, column 10");
    }

    @Test
    void numbersOutsideTheLimitsAreRefusedWithFieldValueAndLimit() {
        for (String number : new String[] {"1e999999", "1E+999999999", "1e-999999", "0e-999999", "2e308", "1e-1001"}) {
            MessageRejectedException e = rejected(() -> parse("{\"order\": {\"amount\": " + number + "}}"));
            assertThat(e.getMessage()).isEqualTo("the body has a value outside the supported range");
            assertThat(e.details()).as(number).singleElement().asString().startsWith("order.amount: ")
                    .contains("up to 308 digits before the decimal point").hasSizeLessThan(250);
        }
        assertThat(rejected(() -> parse("{\"a\": 1e99999999999}")).details()).singleElement().asString()
                .startsWith("a number's exponent is out of range");
        assertThat(rejected(() -> parse("[1, 1e400]")).details()).singleElement().asString().startsWith("[1]: 1E+400");
    }

    @Test
    void stringsTheTargetsCannotHoldAreRefused() {
        assertThat(rejected(() -> parse("{\"id\": \"a\\u0000b\"}")).details())
                .containsExactly("id: a string may not hold U+0000");
        assertThat(rejected(() -> parse("{\"id\": [\"\\ud800\"]}")).details()).singleElement().asString()
                .startsWith("id[0]: a string may not hold a lone surrogate");
    }

    @Test
    void ordinaryExponentFormsStayValid() throws Exception {
        assertThat(parse("{\"a\": 1e3, \"b\": 2.5E2, \"c\": 1e308, \"d\": 1e-1000, \"e\": -0.5}"))
                .isEqualTo(Map.of("a", new BigDecimal("1e3"), "b", new BigDecimal("2.5E2"),
                        "c", new BigDecimal("1e308"), "d", new BigDecimal("1e-1000"), "e", new BigDecimal("-0.5")));
        assertThat(parse("{\"emoji\": \"\\ud83d\\ude00 \u00e9\"}")).isEqualTo(Map.of("emoji", "\ud83d\ude00 \u00e9"));
    }

    @Test
    void aLimitOfTheJsonReaderIsNamedWithoutItsJavaClass() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThat(rejected(() -> parse(deep.getBytes(StandardCharsets.UTF_8))).details()).singleElement().asString()
                .contains("nesting depth").doesNotContain("StreamReadConstraints").doesNotContain("`");
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectMarkedEmpty() throws Exception {
        assertThat(parse(new byte[0])).isEqualTo(Map.of());
        assertThat(JsonBodyParser.arrivedEmpty(exchange)).isTrue();
    }
}
