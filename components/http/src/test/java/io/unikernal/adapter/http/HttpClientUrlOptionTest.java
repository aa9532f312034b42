package io.unikernal.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The base URL is the http endpoint itself, so a query in it would set the client's own options (say
 * {@code throwExceptionOnFailure=false}, which would turn failures into replies): the declaration refuses it.
 */
class HttpClientUrlOptionTest {

    private static List<String> problems(String url) {
        return ProbeApps.problems(new HttpClientAdapter(), "  api: {adapter: http-client, url: \"" + url + "\"}\n",
                "to: api");
    }

    @Test
    void aUrlWithAQueryOrFragmentIsRefused() {
        for (String url : List.of("http://127.0.0.1:9000/api?throwExceptionOnFailure=false",
                "http://127.0.0.1:9000/api#x", "http://127.0.0.1:9000/a&b")) {
            assertThat(problems(url)).as(url).singleElement().asString().startsWith("app.udl:5:36: ")
                    .contains("an http(s) URL without a query").endsWith("[UDL-036]");
        }
    }

    @Test
    void aPlainUrlIsAccepted() {
        assertThat(problems("https://api.example.com:8443/v1/orders")).isEmpty();
    }
}
