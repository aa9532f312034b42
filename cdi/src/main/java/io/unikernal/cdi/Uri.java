package io.unikernal.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Camel endpoint an injected {@link org.apache.camel.Endpoint}, {@link org.apache.camel.ProducerTemplate}
 * or {@link org.apache.camel.FluentProducerTemplate} is for: {@code @Inject @Uri("direct:orders") ProducerTemplate}.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Uri {

    /** The endpoint URI; property placeholders ({@code {{name}}}) are resolved by the CamelContext. */
    @Nonbinding
    String value();
}
