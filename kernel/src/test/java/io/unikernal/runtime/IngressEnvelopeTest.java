package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.udm.UdmHeaders;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The envelope of a message arriving from outside: the kernel's headers are its own; the Content-Type is JSON. */
class IngressEnvelopeTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void headersTheKernelOwnsAreRemovedInAnyCase() {
        exchange.getMessage().setHeader("udmcaller", List.of("admin", "admin2"));
        exchange.getMessage().setHeader("UDMSCHEMA", "orders");
        exchange.getMessage().setHeader("UdmCreatedAt", "1999-01-01T00:00:00Z");
        exchange.getMessage().setHeader("UdmCorrelationId", "spoofed");
        exchange.getMessage().setHeader("X-Other", "kept");
        JsonBodyNormalizer.envelope(exchange, "api");
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("X-Other", UdmHeaders.SOURCE,
                UdmHeaders.CORRELATION_ID, UdmHeaders.CREATED_AT);
        assertThat(exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID, String.class)).isNotEqualTo("spoofed");
        assertThat(exchange.getMessage().getHeader(UdmHeaders.CREATED_AT, String.class)).doesNotStartWith("1999");
    }

    @Test
    void aWellFormedCorrelationIdIsAdoptedAndABadOneReplaced() {
        exchange.getMessage().setHeader(JsonBodyNormalizer.CORRELATION_HEADER, "0af7651916cd43dd8448eb211c80319c");
        JsonBodyNormalizer.envelope(exchange, "api");
        assertThat(exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        for (Object bad : List.of("x".repeat(129), "a\r\nX-Injected: 1", "<b>", List.of("a", "b"), "")) {
            exchange.getMessage().getHeaders().clear();
            exchange.getMessage().setHeader(JsonBodyNormalizer.CORRELATION_HEADER, bad);
            JsonBodyNormalizer.envelope(exchange, "api");
            assertThat(exchange.getMessage().getHeader(UdmHeaders.CORRELATION_ID)).as(String.valueOf(bad))
                    .isNotEqualTo(bad).asString().matches("[0-9a-f]{16}-[0-9a-f]+");
            assertThat(exchange.getMessage().getHeader(JsonBodyNormalizer.CORRELATION_HEADER)).isNull();
        }
    }

    @Test
    void onlyJsonMediaTypesAreRead() {
        for (String type : List.of("application/json", "application/json; charset=UTF-8", "application/problem+json",
                "Application/JSON;charset=\"utf-8\"")) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
            JsonMediaType.check(exchange);
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "text/json+x", ";", "", ";;")) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
            assertThatThrownBy(() -> JsonMediaType.check(exchange)).as(type)
                    .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(415);
                        assertThat(e.details()).singleElement().asString().contains(JsonMediaType.ACCEPTED);
                    });
        }
    }
}
