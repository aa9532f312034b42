package io.unikernal.cdi;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Finds the UDL files the CDI extension runs, with Camel's own resource patterns ({@code classpath:udl/*.udl},
 * {@code file:/srv/apps/*.udl.yaml}), and compiles them. The patterns come from the system property
 * {@value #PROPERTY}; by default every {@code .udl} and {@code .udl.yaml} file in the class path folder {@code udl/}.
 */
final class UdlFileLocations {

    static final String PROPERTY = "unikernal.cdi.udl";
    static final String DEFAULT = "classpath:udl/*.udl,classpath:udl/*.udl.yaml";

    private UdlFileLocations() {
    }

    static List<String> patterns() {
        return Arrays.stream(System.getProperty(PROPERTY, DEFAULT).split(","))
                .map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Parses and compiles every UDL file the patterns match, in name order; a file with errors throws
     * {@link io.unikernal.udl.error.UdlException}, whose message lists each {@code file:line:col} problem.
     */
    static List<CompiledApp> compileAll(List<String> patterns, Adapters adapters) throws Exception {
        List<Resource> found = new ArrayList<>();
        // an unstarted context only lends Camel's resource scanner (class path folders and jars, file: globs)
        try (DefaultCamelContext scanner = new DefaultCamelContext(false)) {
            var resolver = PluginHelper.getPackageScanResourceResolver(scanner);
            for (String pattern : patterns) {
                Collection<Resource> resources = resolver.findResources(pattern);
                found.addAll(resources);
            }
        }
        found.sort(Comparator.comparing(Resource::getLocation));
        UdlParser parser = new UdlParser(adapters);
        UdlCompiler compiler = new UdlCompiler(adapters);
        List<CompiledApp> apps = new ArrayList<>();
        for (Resource resource : found) {
            Path file = fileOf(resource);
            UdlDocument doc;
            Path baseDir;
            if (file != null) {
                doc = parser.load(file);
                baseDir = file.toAbsolutePath().getParent();
            } else {
                // inside a jar: files the UDL names (init scripts, protos) are looked up from the working directory
                try (InputStream in = resource.getInputStream()) {
                    doc = parser.parse(resource.getLocation(), new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .orThrow();
                }
                baseDir = Path.of(".").toAbsolutePath();
            }
            apps.add(compiler.compile(doc, baseDir, CompileOptions.DEFAULT));
        }
        return apps;
    }

    private static Path fileOf(Resource resource) {
        try {
            URI uri = resource.getURI();
            return uri != null && "file".equals(uri.getScheme()) ? Path.of(uri) : null;
        } catch (RuntimeException notAFile) {
            return null;
        }
    }
}
