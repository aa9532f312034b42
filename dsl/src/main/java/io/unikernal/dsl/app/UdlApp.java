package io.unikernal.dsl.app;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.runtime.CompiledRoutes;
import io.unikernal.udl.check.SchemaConversion;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udm.schema.UdmSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;

/**
 * One UDL app, parsed, checked and compiled by the same parser and compiler as {@code unikernal run}, ready to be
 * added to a CamelContext that someone else owns: as a {@link RoutesBuilder} ({@link #routes()}, what Camel's routes
 * loader returns for a {@code .udl} file) or directly ({@link #addTo(CamelContext)}). Its schemas are there for the
 * Java DSL's UDM processors. A file with errors never gets this far: {@link UdlAppException} lists them.
 */
public final class UdlApp {

    private final UdlDocument document;
    private final CompiledApp compiled;
    private final SourcePos where;

    private UdlApp(UdlDocument document, CompiledApp compiled, SourcePos where) {
        this.document = document;
        this.compiled = compiled;
        this.where = where;
    }

    /** Loads a UDL file with the adapters on the class path; relative paths in it are read next to it. */
    public static UdlApp load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UDL file " + file, e);
        }
        Path absolute = file.toAbsolutePath();
        return load(file.toString(), text, absolute.getParent(), Adapters.installed());
    }

    /**
     * Loads a UDL file from the class path (e.g. {@code src/main/resources/shop.udl} as {@code "shop.udl"}); problems
     * name it as {@code classpath:NAME}; relative paths in it are read from the working directory.
     */
    public static UdlApp loadResource(String name) {
        ClassLoader classes = Thread.currentThread().getContextClassLoader();
        try (java.io.InputStream in = classes.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no UDL file " + name + " on the class path");
            }
            return load("classpath:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Path.of("").toAbsolutePath(), Adapters.installed(classes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UDL file " + name + " from the class path", e);
        }
    }

    /**
     * Loads UDL {@code text}; {@code fileName} names it in every problem, {@code baseDir} is where its relative
     * paths (proto files, key files) are read.
     */
    public static UdlApp load(String fileName, String text, Path baseDir, Adapters adapters) {
        ParseResult result = new UdlParser(adapters).parse(fileName, text);
        List<UdlError> errors = result.errors();
        if (result.document() == null || !errors.isEmpty()) {
            throw new UdlAppException(errors);
        }
        UdlDocument document = result.document();
        CompiledApp compiled = new UdlCompiler(adapters).compile(document, baseDir, CompileOptions.DEFAULT);
        return new UdlApp(document, compiled, servingSystem(document, adapters).orElse(new SourcePos(fileName, 1, 1)));
    }

    private static java.util.Optional<SourcePos> servingSystem(UdlDocument document, Adapters adapters) {
        for (SystemDecl system : document.systems().values()) {
            var adapter = adapters.get(system.adapter());
            if (adapter != null && adapter.source().flatMap(s -> s.servedListener(system)).isPresent()) {
                return java.util.Optional.of(system.pos());
            }
        }
        return java.util.Optional.empty();
    }

    public String name() {
        return compiled.name();
    }

    /** The ids of the routes the app adds. */
    public Set<String> routeIds() {
        return compiled.routes().stream().map(r -> r.getRouteId())
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The app's UDM schemas by name, at their current versions. */
    public Map<String, UdmSchema> schemas() {
        return SchemaConversion.all(document);
    }

    /** One of the app's schemas; {@link UdlAppException} ({@code DSL-003}) naming those there are when absent. */
    public UdmSchema schema(String name) {
        UdmSchema schema = schemas().get(name);
        if (schema == null) {
            throw new UdlAppException(List.of(UdlError.error(DslProblems.UNKNOWN_SCHEMA, new SourcePos(where.file(), 1,
                    1), "app '" + name() + "' declares no schema '" + name + "'", "its schemas are "
                    + schemas().keySet() + "; declare '" + name + "' under schemas: or use one of those")));
        }
        return schema;
    }

    /** The app as a RoutesBuilder: adding it applies its properties to the context, then its beans and routes. */
    public RoutesBuilder routes() {
        return new AppRoutes();
    }

    /** Adds the app's beans and routes to {@code context} (started or not), with the properties they need. */
    public void addTo(CamelContext context) throws Exception {
        context.addRoutes(routes());
    }

    private final class AppRoutes implements RoutesBuilder {
        private final CompiledRoutes routes = new CompiledRoutes(compiled);

        @Override
        public void addRoutesToCamelContext(CamelContext context) throws Exception {
            ContextSettings.apply(context, compiled, where);
            routes.addRoutesToCamelContext(context);
        }

        @Override
        public void addTemplatedRoutesToCamelContext(CamelContext context) throws Exception {
            routes.addTemplatedRoutesToCamelContext(context);
        }

        @Override
        public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
            ContextSettings.apply(context, compiled, where);
            return routes.updateRoutesToCamelContext(context);
        }

        @Override
        public String toString() {
            return "UDL app '" + name() + "' (" + where.file() + ")";
        }
    }
}
