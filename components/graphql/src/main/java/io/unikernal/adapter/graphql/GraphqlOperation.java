package io.unikernal.adapter.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GraphQL operation a route sends: a query or mutation document (inline or from a file) parsed by graphql-java, the
 * one operation it names, and, when the remote's SDL is known, validated against it. The compile-time check and the
 * call read the document through this one class, so what compiles is what is sent.
 */
final class GraphqlOperation {

    private final String document;
    private final String operationName;

    private GraphqlOperation(String document, String operationName) {
        this.document = document;
        this.operationName = operationName;
    }

    /** The document text as it is sent. */
    String document() {
        return document;
    }

    /** The operation to run, or null when the document has only one. */
    String operationName() {
        return operationName;
    }

    /** Reads {@code file} (UTF-8) and checks it as {@link #of} does. */
    static GraphqlOperation fromFile(Path file, String operationName, GraphQLSchema schema) {
        return of(GraphqlDocuments.read(file, "operation file"), operationName, schema, file.getFileName().toString());
    }

    /**
     * Parses the document and picks its operation: problems (a syntax error, no or an unknown operation, a
     * subscription, a validation error against {@code schema} when not null) are a {@link GraphqlContractException}
     * naming {@code source}'s line and column.
     */
    static GraphqlOperation of(String text, String operationName, GraphQLSchema schema, String source) {
        Document parsed = GraphqlDocuments.parse(text, source);
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition chosen = choose(operations, operationName, source);
        if (chosen.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            throw new GraphqlContractException(GraphqlDocuments.at(source, chosen.getSourceLocation()) + ": a"
                    + " subscription cannot be called; call a query or a mutation");
        }
        if (schema != null) {
            GraphqlDocuments.validate(schema, parsed, source);
        }
        return new GraphqlOperation(text, operationName);
    }

    private static OperationDefinition choose(List<OperationDefinition> operations, String name, String source) {
        if (operations.isEmpty()) {
            throw new GraphqlContractException(source + ": the document has no query or mutation");
        }
        if (name == null) {
            if (operations.size() > 1) {
                throw new GraphqlContractException(source + " has " + operations.size() + " operations ("
                        + names(operations) + "): name the one to call with operationName");
            }
            return operations.get(0);
        }
        return operations.stream().filter(op -> name.equals(op.getName())).findFirst().orElseThrow(() ->
                new GraphqlContractException(source + " has no operation " + name + "; it has " + names(operations)));
    }

    private static String names(List<OperationDefinition> operations) {
        List<String> names = new ArrayList<>();
        operations.forEach(op -> names.add(op.getName() == null ? "an unnamed one" : op.getName()));
        return String.join(", ", names);
    }
}
