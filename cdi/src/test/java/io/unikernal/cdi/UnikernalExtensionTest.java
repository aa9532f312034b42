package io.unikernal.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnikernalExtensionTest {

    @AfterEach
    void defaultLocations() {
        System.clearProperty(UdlFileLocations.PROPERTY);
    }

    private static Weld weld() {
        // a synthetic archive of the test's two beans (Weld loads no META-INF/services extension without discovery)
        return new Weld().disableDiscovery().addExtension(new UnikernalExtension())
                .addBeanClasses(DoublingRoutes.class, Doubler.class);
    }

    @Test
    void routeBuilderBeansAndUdlFilesRunInOneInjectedContext() {
        try (WeldContainer container = weld().initialize()) {
            Doubler doubler = container.select(Doubler.class).get();
            CamelContext context = container.select(CamelContext.class).get();

            assertThat(doubler.context()).isSameAs(context);
            assertThat(context.getRoutes()).extracting(Route::getRouteId).contains("java-double", "double-it");
            // direct: endpoints belong to one context: the Java route reaches the UDL route only if they share it
            assertThat(doubler.viaJavaRoute(21)).containsEntry("doubled", 42L);
            assertThat(doubler.viaUdlOnly(5)).containsEntry("doubled", 10L);
        }
    }

    @Test
    void aStandardSeContainerFindsTheExtensionAndTheBeansByDiscovery() {
        // as an application starts: the extension from META-INF/services, the beans from beans.xml archives
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            CamelContext context = container.select(CamelContext.class).get();

            assertThat(context.getRoutes()).extracting(Route::getRouteId).contains("java-double", "double-it");
            assertThat(container.select(Doubler.class).get().viaJavaRoute(4)).containsEntry("doubled", 8L);
        }
    }

    @Test
    void endpointsAndTemplatesAreTheContextsOwn() {
        try (WeldContainer container = weld().initialize()) {
            Doubler doubler = container.select(Doubler.class).get();

            assertThat(doubler.numbersEndpoint().getEndpointUri()).isEqualTo("direct://numbers");
            assertThat(doubler.numbersEndpoint().getCamelContext()).isSameAs(doubler.context());
            assertThat(doubler.doubling().getDefaultEndpoint().getEndpointUri()).isEqualTo("direct://double");
            assertThat(doubler.anywhere().requestBody("direct:numbers", Map.of("n", 1), Map.class))
                    .containsEntry("doubled", 2L);
        }
    }

    @Test
    void closingTheContainerStopsTheContext() {
        CamelContext context;
        try (WeldContainer container = weld().initialize()) {
            context = container.select(CamelContext.class).get();
            assertThat(context.isStarted()).isTrue();
        }
        assertThat(context.isStopped()).isTrue();
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void udlFilesAreFoundByTheConfiguredPattern(@TempDir Path dir) throws Exception {
        onlyUdlFile(dir.resolve("tripler.udl.yaml"), """
                udl: 8
                name: tripler
                systems:
                  triple: {adapter: direct}
                routes:
                  - name: triple-it
                    from: triple
                    steps:
                      - transform: {set: {tripled: "n * 3"}}
                """);
        try (WeldContainer container = new Weld().disableDiscovery().addExtension(new UnikernalExtension())
                .addBeanClasses(Doubler.class).initialize()) {
            CamelContext context = container.select(CamelContext.class).get();

            assertThat(context.getRoutes()).extracting(Route::getRouteId).containsExactly("triple-it");
            assertThat(context.createProducerTemplate().requestBody("direct:triple", Map.of("n", 2), Map.class))
                    .containsEntry("tripled", 6L);
        }
    }

    @Test
    void aUdlFileWithErrorsFailsTheDeploymentNamingFileLineAndColumn(@TempDir Path dir) throws Exception {
        onlyUdlFile(dir.resolve("broken.udl"), "udl: 8\nname: broken\nroutes:\n  - {name: lost, from: nowhere}\n");

        assertThatThrownBy(() -> weld().initialize())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining(dir.resolve("broken.udl") + ":4:")
                .hasMessageContaining("nowhere");
    }

    /** Points the extension at this one file instead of the class path's udl/ folder. */
    private static void onlyUdlFile(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        System.setProperty(UdlFileLocations.PROPERTY, "file:" + file);
    }
}
