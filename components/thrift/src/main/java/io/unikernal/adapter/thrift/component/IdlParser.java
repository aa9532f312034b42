package io.unikernal.adapter.thrift.component;

import com.facebook.swift.parser.antlr.DocumentGenerator;
import com.facebook.swift.parser.antlr.ThriftLexer;
import com.facebook.swift.parser.antlr.ThriftParser;
import com.facebook.swift.parser.model.Document;
import java.util.ArrayList;
import java.util.List;
import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonTokenStream;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.tree.BufferedTreeNodeStream;
import org.antlr.runtime.tree.Tree;

/**
 * swift-idl-parser's ANTLR grammar run so that its syntax errors are kept with their line and column (its own entry
 * point prints them to stderr and throws a bare "syntax error").
 */
final class IdlParser {

    private IdlParser() {
    }

    /** The parsed document of {@code text}; a syntax error names {@code file:line:col} and what was found. */
    static Document parse(String file, String text) {
        List<String> errors = new ArrayList<>();
        ThriftLexer lexer = new ThriftLexer(new ANTLRStringStream(text)) {
            @Override
            public void displayRecognitionError(String[] tokenNames, RecognitionException e) {
                errors.add(file + ":" + e.line + ":" + (e.charPositionInLine + 1) + ": "
                        + getErrorMessage(e, tokenNames));
            }
        };
        ThriftParser parser = new ThriftParser(new CommonTokenStream(lexer)) {
            @Override
            public void displayRecognitionError(String[] tokenNames, RecognitionException e) {
                errors.add(file + ":" + e.line + ":" + (e.charPositionInLine + 1) + ": "
                        + getErrorMessage(e, tokenNames));
            }
        };
        Tree tree;
        try {
            tree = (Tree) parser.document().getTree();
        } catch (RecognitionException e) {
            throw new ThriftIdlException(file + ":" + e.line + ":" + (e.charPositionInLine + 1) + ": "
                    + parser.getErrorMessage(e, parser.getTokenNames()));
        }
        if (!errors.isEmpty()) {
            throw new ThriftIdlException(String.join("; ", errors));
        }
        try {
            return new DocumentGenerator(new BufferedTreeNodeStream(tree)).document().value;
        } catch (RecognitionException | RuntimeException e) {
            throw new ThriftIdlException(file + ": cannot be read as Thrift IDL (" + e.getMessage() + ")");
        }
    }
}
