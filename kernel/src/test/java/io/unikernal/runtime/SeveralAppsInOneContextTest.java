package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class SeveralAppsInOneContextTest {

    private static CompiledApp app(String name, Map<String, String> properties) {
        return new CompiledApp(name, List.of(), List.of(), List.of(), properties, null, Map.of());
    }

    @Test
    void appsAndHandWrittenRoutesShareOneContextAndItsProperties() throws Exception {
        RouteBuilder handWritten = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:greet").routeId("greet").setBody(simple("{{greeting}} and {{farewell}}"));
            }
        };
        List<CompiledApp> apps = List.of(app("first", Map.of("camel.main.name", "first", "greeting", "hello")),
                app("second", Map.of("camel.main.name", "second", "farewell", "bye", "greeting", "hello")));

        try (UdlRuntime runtime = UdlRuntime.start(apps, Map.of(), List.of(handWritten))) {
            assertThat(runtime.context().getName()).isEqualTo("first");
            assertThat(runtime.context().createProducerTemplate().requestBody("direct:greet", "", String.class))
                    .isEqualTo("hello and bye");
        }
    }

    @Test
    void twoAppsGivingOnePropertyDifferentValuesAreRefused() {
        List<CompiledApp> apps = List.of(app("first", Map.of("port", "8080")), app("second", Map.of("port", "9090")));

        assertThatThrownBy(() -> UdlRuntime.start(apps, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apps first, second give property 'port' different values: make them agree, or run the apps in contexts of their own");
    }
}
