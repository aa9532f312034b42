package io.unikernal.adapter.graphql;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import graphql.schema.idl.errors.SchemaProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A GraphQL schema read from an SDL file at run time: its executable schema (every field of the query and mutation
 * types resolved by the fetcher the caller gives for its {@code Type.field} coordinate) and the coordinates a route may
 * serve. The checks and the server read the file through this one class, so what compiles is what serves.
 */
public final class GraphqlContract {

    private final GraphQLSchema schema;
    private final Set<String> rootFields;

    private GraphqlContract(GraphQLSchema schema) {
        this.schema = schema;
        Set<String> fields = new TreeSet<>();
        for (GraphQLObjectType root : roots(schema)) {
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                fields.add(root.getName() + "." + field.getName());
            }
        }
        this.rootFields = Set.copyOf(fields);
    }

    /** Reads and builds the schema; a field of the root types gets {@code fetchers.apply("Type.field")}. */
    public static GraphqlContract load(Path file, Function<String, DataFetcher<?>> fetchers) {
        return build(file, types -> new RootFields(types, fetchers));
    }

    /**
     * Reads and builds the schema with a fetcher for any field of any type that {@code fetchers} gives one for (by
     * its {@code Type.field} coordinate; null: graphql-java's default, the parent's map entry or property of that
     * name). For a server whose fields are resolved elsewhere than by routes, e.g. UPT's GraphQL to REST.
     */
    public static GraphqlContract loadResolving(Path file, Function<String, DataFetcher<?>> fetchers) {
        return build(file, types -> new AnyFields(fetchers));
    }

    private static GraphqlContract build(Path file, Function<TypeDefinitionRegistry, WiringFactory> wirings) {
        String sdl;
        try {
            sdl = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GraphqlContractException("schema file " + file + " does not exist");
        } catch (IOException e) {
            throw new GraphqlContractException("schema file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        try {
            TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
            RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(wirings.apply(types)).build();
            return new GraphqlContract(new SchemaGenerator().makeExecutableSchema(types, wiring));
        } catch (SchemaProblem e) {
            throw new GraphqlContractException(describe(file, e.getErrors()));
        } catch (RuntimeException e) {
            // graphql-java's own words on a schema it cannot build (e.g. a custom scalar without coercion)
            throw new GraphqlContractException(file.getFileName() + ": " + firstLine(e.getMessage()));
        }
    }

    /** Only the checks' use: the schema with no fetchers. */
    public static GraphqlContract load(Path file) {
        return load(file, coordinate -> env -> null);
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /** The fields a route may serve, as {@code Type.field} of the query and mutation types, sorted. */
    public Set<String> rootFields() {
        return rootFields;
    }

    private static List<GraphQLObjectType> roots(GraphQLSchema schema) {
        List<GraphQLObjectType> roots = new ArrayList<>();
        roots.add(schema.getQueryType());
        if (schema.getMutationType() != null) {
            roots.add(schema.getMutationType());
        }
        return roots;
    }

    private static String describe(Path file, List<GraphQLError> errors) {
        StringBuilder text = new StringBuilder();
        for (GraphQLError error : errors) {
            text.append(text.length() == 0 ? "" : "; ").append(file.getFileName());
            List<SourceLocation> at = error.getLocations();
            if (at != null && !at.isEmpty() && at.get(0) != null && at.get(0).getLine() > 0) {
                text.append(':').append(at.get(0).getLine()).append(':').append(at.get(0).getColumn());
            }
            // graphql-java appends the location it has as " [@line:col]": said once, before the message
            text.append(": ").append(firstLine(error.getMessage()).replaceFirst("\\s*\\[@\\d+:\\d+\\]$", ""));
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the schema cannot be built";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Resolves the fields of the root types (by the schema's own root names) with the given fetchers. */
    private static final class RootFields implements WiringFactory {
        private final Set<String> rootTypes;
        private final Function<String, DataFetcher<?>> fetchers;

        RootFields(TypeDefinitionRegistry types, Function<String, DataFetcher<?>> fetchers) {
            this.fetchers = fetchers;
            Set<String> names = new TreeSet<>(Set.of("Query", "Mutation"));
            types.schemaDefinition().ifPresent(definition -> {
                names.clear();
                definition.getOperationTypeDefinitions().stream()
                        .filter(op -> !"subscription".equals(op.getName()))
                        .forEach(op -> names.add(op.getTypeName().getName()));
            });
            this.rootTypes = names;
        }

        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment environment) {
            return rootTypes.contains(environment.getParentType().getName());
        }

        @Override
        public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
            return fetchers.apply(environment.getParentType().getName() + "." + environment.getFieldDefinition().getName());
        }
    }

    /** Resolves the fields of any type that the given fetchers have a fetcher for, each asked once. */
    private static final class AnyFields implements WiringFactory {
        private final Function<String, DataFetcher<?>> fetchers;
        private final Map<String, Optional<DataFetcher<?>>> asked = new HashMap<>();

        AnyFields(Function<String, DataFetcher<?>> fetchers) {
            this.fetchers = fetchers;
        }

        private Optional<DataFetcher<?>> fetcher(FieldWiringEnvironment environment) {
            String coordinate = environment.getParentType().getName() + "." + environment.getFieldDefinition().getName();
            return asked.computeIfAbsent(coordinate, c -> Optional.ofNullable(fetchers.apply(c)));
        }

        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment environment) {
            return fetcher(environment).isPresent();
        }

        @Override
        public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
            return fetcher(environment).orElseThrow();
        }
    }
}
