package io.unikernal.adapter.graphql;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GraphqlContractException("operation file " + file + " does not exist");
        } catch (IOException e) {
            throw new GraphqlContractException("operation file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        return of(text, operationName, schema, file.getFileName().toString());
    }

    /**
     * Parses the document and picks its operation: problems (a syntax error, no or an unknown operation, a
     * subscription, a validation error against {@code schema} when not null) are a {@link GraphqlContractException}
     * naming {@code source}'s line and column.
     */
    static GraphqlOperation of(String text, String operationName, GraphQLSchema schema, String source) {
        Document parsed;
        try {
            parsed = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            throw new GraphqlContractException(at(source, e.getLocation()) + ": " + firstLine(e.getMessage()));
        }
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition chosen = choose(operations, operationName, source);
        if (chosen.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            throw new GraphqlContractException(at(source, chosen.getSourceLocation()) + ": a subscription cannot be"
                    + " called; call a query or a mutation");
        }
        if (schema != null) {
            List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
            if (!errors.isEmpty()) {
                throw new GraphqlContractException(describe(source, errors));
            }
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

    private static String describe(String source, List<? extends GraphQLError> errors) {
        StringBuilder text = new StringBuilder();
        for (GraphQLError error : errors) {
            List<SourceLocation> locations = error.getLocations();
            text.append(text.length() == 0 ? "" : "; ")
                    .append(at(source, locations == null || locations.isEmpty() ? null : locations.get(0)))
                    .append(": ").append(firstLine(error.getMessage()).replaceFirst("\\s*@ '[^']*'$", ""));
        }
        return text.toString();
    }

    private static String at(String source, SourceLocation location) {
        return location == null || location.getLine() < 1 ? source
                : source + ":" + location.getLine() + ":" + location.getColumn();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the document cannot be used";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
