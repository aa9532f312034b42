package io.unikernal.cdi;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.ProducerTemplate;

/**
 * What CDI beans can {@code @Inject}: the one CamelContext, an {@link Endpoint} by {@link Uri}, and producer
 * templates, plain or bound to a {@link Uri}. Templates are closed when the bean that got them is destroyed.
 */
class CamelProducers {

    @Produces
    CamelContext camelContext(UnikernalExtension extension) {
        return extension.context();
    }

    @Produces
    @Uri("")
    Endpoint endpoint(InjectionPoint point, UnikernalExtension extension) {
        return extension.context().getEndpoint(uriOf(point));
    }

    @Produces
    ProducerTemplate producerTemplate(UnikernalExtension extension) {
        return extension.context().createProducerTemplate();
    }

    @Produces
    @Uri("")
    ProducerTemplate producerTemplateFor(InjectionPoint point, UnikernalExtension extension) {
        ProducerTemplate template = extension.context().createProducerTemplate();
        template.setDefaultEndpointUri(uriOf(point));
        return template;
    }

    @Produces
    FluentProducerTemplate fluentProducerTemplate(UnikernalExtension extension) {
        return extension.context().createFluentProducerTemplate();
    }

    @Produces
    @Uri("")
    FluentProducerTemplate fluentProducerTemplateFor(InjectionPoint point, UnikernalExtension extension) {
        return extension.context().createFluentProducerTemplate().withDefaultEndpoint(uriOf(point));
    }

    void close(@Disposes ProducerTemplate template) throws IOException {
        template.close();
    }

    void closeFor(@Disposes @Uri("") ProducerTemplate template) throws IOException {
        template.close();
    }

    void close(@Disposes FluentProducerTemplate template) throws IOException {
        template.close();
    }

    void closeFor(@Disposes @Uri("") FluentProducerTemplate template) throws IOException {
        template.close();
    }

    private static String uriOf(InjectionPoint point) {
        return point.getQualifiers().stream().filter(Uri.class::isInstance).map(Uri.class::cast)
                .map(Uri::value).findFirst()
                .orElseThrow(() -> new IllegalStateException(point + " has no @Uri"));
    }
}
