package io.unikernal.translate.spi;

import io.unikernal.udl.spec.Option;

/**
 * The key the kinds that call a REST service (gRPC to REST, SOAP to REST) declare on {@code target:}, once, so the
 * two mean the same: the REST service's base path under the http-client system's url.
 */
public final class RestTarget {

    public static final Option<String> PATH = Option.string("path").defaultValue("")
            .pattern("(/[A-Za-z0-9._~-]+)*", "a path of letters, digits and '/._~-' that starts with '/'")
            .description("A gRPC or SOAP translation's: the REST service's base path under the target's url (POST"
                    + " {url}{path}/{Method or Operation}, or a gRPC method's google.api.http path after it).")
            .example("/v1");

    private RestTarget() {
    }
}
