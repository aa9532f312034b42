package io.unikernal.adapter.graphql;

import graphql.GraphQLError;
import graphql.language.Document;
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
import java.util.List;
import java.util.Locale;

/**
 * Reading GraphQL documents (operations a route sends, the named operations UPT serves): the file, the parse and the
 * validation against a schema, each problem a {@link GraphqlContractException} naming the document's line and column.
 */
public final class GraphqlDocuments {

    private GraphqlDocuments() {
    }

    /** The file's text (UTF-8); {@code what} names it in problems ("operation file"). */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GraphqlContractException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new GraphqlContractException(what + " " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The parsed document; a syntax error names {@code source}'s line and column. */
    public static Document parse(String text, String source) {
        try {
            return Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            throw new GraphqlContractException(at(source, e.getLocation()) + ": " + firstLine(e.getMessage()));
        }
    }

    /** Every validation error of the document against {@code schema}, at its line and column, or nothing. */
    public static void validate(GraphQLSchema schema, Document document, String source) {
        List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        if (errors.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (GraphQLError error : errors) {
            List<SourceLocation> locations = error.getLocations();
            text.append(text.length() == 0 ? "" : "; ")
                    .append(at(source, locations == null || locations.isEmpty() ? null : locations.get(0)))
                    .append(": ").append(firstLine(error.getMessage()).replaceFirst("\\s*@ '[^']*'$", ""));
        }
        throw new GraphqlContractException(text.toString());
    }

    /** {@code source:line:col}, or {@code source} when the location is unknown. */
    public static String at(String source, SourceLocation location) {
        return location == null || location.getLine() < 1 ? source
                : source + ":" + location.getLine() + ":" + location.getColumn();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "the document cannot be used";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
