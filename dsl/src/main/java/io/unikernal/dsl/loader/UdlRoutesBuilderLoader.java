package io.unikernal.dsl.loader;

import io.unikernal.dsl.app.UdlApp;
import io.unikernal.plugins.Adapters;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.annotations.RoutesLoader;
import org.apache.camel.support.RoutesBuilderLoaderSupport;

/**
 * Camel's routes loader for UDL files: Camel Main (and Camel JBang, which runs on it) finds it through the service
 * files {@code META-INF/services/org/apache/camel/routes-loader/udl} and {@code .../udl-yaml} when a route file ends
 * in {@code .udl} or {@code .udl.yaml}, so UDL files load beside {@code .yaml} routes with nothing but the Unikernal
 * jars on the class path. A file with errors fails the load with every {@code file:line:col} problem
 * ({@link io.unikernal.dsl.app.UdlAppException}), as a broken YAML route file fails it.
 */
@RoutesLoader(UdlRoutesBuilderLoader.EXTENSION)
public final class UdlRoutesBuilderLoader extends RoutesBuilderLoaderSupport {

    public static final String EXTENSION = "udl";
    /** {@code app.udl.yaml}: Camel asks for the loader of everything after the file name's first dot. */
    public static final String YAML_EXTENSION = "udl.yaml";

    @Override
    public String getSupportedExtension() {
        return EXTENSION;
    }

    @Override
    public boolean isSupportedExtension(String extension) {
        return EXTENSION.equals(extension) || YAML_EXTENSION.equals(extension);
    }

    @Override
    public RoutesBuilder loadRoutesBuilder(Resource resource) throws Exception {
        String text;
        try (InputStream in = resource.getInputStream()) {
            if (in == null) {
                throw new java.io.FileNotFoundException("UDL file " + resource.getLocation() + " does not exist");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CamelContext context = getCamelContext();
        ClassLoader classes = context.getApplicationContextClassLoader() != null
                ? context.getApplicationContextClassLoader() : Thread.currentThread().getContextClassLoader();
        return UdlApp.load(fileName(resource), text, baseDir(resource), Adapters.installed(classes)).routes();
    }

    /** The name problems are reported under: the path as the user gave it, without Camel's scheme prefix. */
    static String fileName(Resource resource) {
        String location = resource.getLocation();
        int colon = location.indexOf(':');
        return colon > 1 && location.substring(0, colon).matches("file|classpath") ? location.substring(colon + 1)
                : location;
    }

    /** Where the file's relative paths resolve: its folder when it is a file, else the working directory. */
    static Path baseDir(Resource resource) {
        java.net.URI uri = resource.getURI();
        if (uri != null && "file".equals(uri.getScheme())) {
            Path parent = Path.of(uri).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        if ("file".equals(resource.getScheme())) {
            Path parent = Path.of(fileName(resource)).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        try {
            java.net.URL url = resource.getURL();
            if (url != null && "file".equals(url.getProtocol())) {
                Path parent = Path.of(url.toURI()).getParent();
                if (parent != null) {
                    return parent;
                }
            }
        } catch (java.net.MalformedURLException | java.net.URISyntaxException | IllegalArgumentException e) {
            // not a file on disk (a jar entry): relative paths resolve from the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
