package io.unikernal.translate.detect;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.util.Optional;

/** Whether a text parses, with graphql-java's parser and its default size limits, as an executable document. */
final class GraphqlDocument {

    private GraphqlDocument() {
    }

    /** The first operation as "query Name" (or "mutation", "subscription"; "(anonymous)" without a name). */
    static Optional<String> firstOperation(String text, StringBuilder whyNot) {
        try {
            Document document = Parser.parse(text);
            Optional<String> operation = document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .findFirst().map(op -> op.getOperation().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + (op.getName() == null ? "(anonymous)" : op.getName()));
            if (operation.isEmpty()) {
                whyNot.append("a GraphQL document without an operation");
            }
            return operation;
        } catch (RuntimeException e) { // InvalidSyntaxException, or one of the parser's limits (tokens, depth)
            whyNot.append(Printable.value(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }
}
