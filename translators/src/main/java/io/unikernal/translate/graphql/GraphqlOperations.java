package io.unikernal.translate.graphql;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLSchema;
import io.unikernal.adapter.graphql.GraphqlContractException;
import io.unikernal.adapter.graphql.GraphqlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named operations a REST to GraphQL translation serves, from a {@code .graphql} document: each query and
 * mutation by its name, with its variable definitions; the whole document (fragments included) is what is sent, with
 * the operation's name. Read when the app compiles (and validated against the target's SDL when it has one) and again
 * at run time when the file changes. A document that does not parse, an operation without a name, two with one name
 * or a subscription cannot be used (a {@link GraphqlContractException} naming the line and column).
 */
final class GraphqlOperations {

    private static final Map<Path, GraphqlOperations> LOADED = new ConcurrentHashMap<>();

    private final String text;
    private final Map<String, OperationDefinition> byName;
    private final long modified;
    private final long size;

    private GraphqlOperations(String text, Map<String, OperationDefinition> byName, long modified, long size) {
        this.text = text;
        this.byName = byName;
        this.modified = modified;
        this.size = size;
    }

    /** The document as loaded now (read again when its size or modification time changed). */
    static GraphqlOperations load(Path file) {
        GraphqlOperations known = LOADED.get(file);
        long modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
            size = Files.size(file);
        } catch (IOException e) {
            throw new GraphqlContractException("operations file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        if (known != null && known.modified == modified && known.size == size) {
            return known;
        }
        GraphqlOperations read = parse(GraphqlDocuments.read(file, "operations file"), file.getFileName().toString(),
                null, modified, size);
        LOADED.put(file, read);
        return read;
    }

    /** Reads and checks the file for the compile-time check; against {@code schema} when not null. */
    static GraphqlOperations check(Path file, GraphQLSchema schema) {
        return parse(GraphqlDocuments.read(file, "operations file"), file.getFileName().toString(), schema, 0, 0);
    }

    private static GraphqlOperations parse(String text, String source, GraphQLSchema schema, long modified,
            long size) {
        Document document = GraphqlDocuments.parse(text, source);
        Map<String, OperationDefinition> byName = new LinkedHashMap<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            String where = GraphqlDocuments.at(source, operation.getSourceLocation());
            if (operation.getName() == null) {
                throw new GraphqlContractException(where + ": an operation without a name cannot be served; name"
                        + " it (query Name { ... })");
            }
            if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                throw new GraphqlContractException(where + ": subscription " + operation.getName() + " cannot be"
                        + " served over REST; only queries and mutations");
            }
            if (byName.putIfAbsent(operation.getName(), operation) != null) {
                throw new GraphqlContractException(where + ": a second operation named " + operation.getName());
            }
        }
        if (byName.isEmpty()) {
            throw new GraphqlContractException(source + " has no query or mutation");
        }
        if (schema != null) {
            GraphqlDocuments.validate(schema, document, source);
        }
        return new GraphqlOperations(text, Map.copyOf(byName), modified, size);
    }

    /** The document as sent. */
    String text() {
        return text;
    }

    /** The operation of that name, or null. */
    OperationDefinition operation(String name) {
        return byName.get(name);
    }

    List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /**
     * What is wrong with {@code variables} for the operation: a variable it does not define, or a non-null one
     * without a default that is missing or null; empty when nothing.
     */
    static List<String> problems(OperationDefinition operation, Map<?, ?> variables) {
        List<String> problems = new ArrayList<>();
        Map<String, VariableDefinition> defined = new LinkedHashMap<>();
        operation.getVariableDefinitions().forEach(definition -> defined.put(definition.getName(), definition));
        for (Object name : variables.keySet()) {
            if (!defined.containsKey(String.valueOf(name))) {
                problems.add("operation " + operation.getName() + " has no variable " + name + (defined.isEmpty()
                        ? "; it has none" : "; its variables: " + String.join(", ", defined.keySet())));
            }
        }
        defined.forEach((name, definition) -> {
            boolean required = definition.getType() instanceof NonNullType
                    && definition.getDefaultValue() == null;
            if (required && variables.get(name) == null) {
                problems.add("variable " + name + " of operation " + operation.getName() + " is required ("
                        + AstPrinter.printAst(definition.getType()) + ")");
            }
        });
        return problems;
    }
}
