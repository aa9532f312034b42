package io.unikernal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelHeadersTest {

    @Test
    void headerNamesAreCaseInsensitiveAsInHttp() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-request-id", "r-1"); // HTTP/2 and many clients send lower case
        headers.put("Content-Length", 12);  // a non-text value forces a converted copy of the map
        assertThat(CelPredicates.evaluate("headers['X-Request-Id']", Map.of(), headers)).isEqualTo("r-1");
        assertThat(CelPredicates.evaluate("headers['content-length'] == 12", Map.of(), headers)).isEqualTo(true);
    }
}
