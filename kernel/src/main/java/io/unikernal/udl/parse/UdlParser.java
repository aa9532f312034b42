package io.unikernal.udl.parse;

import io.unikernal.plugins.Adapters;
import io.unikernal.plugins.Language;
import io.unikernal.udl.check.SemanticChecker;
import io.unikernal.udl.error.ProblemList;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.UdlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * Reads UDL files: safe YAML, then the shape checks driven by {@link io.unikernal.udl.spec.UdlSpec} and the installed
 * adapters' option declarations, then the model, then the semantic checks. Every problem of the file is reported,
 * in file order, as {@code file:line:col: message [UDL-NNN]}.
 */
public final class UdlParser {

    private static final Logger LOG = LoggerFactory.getLogger(UdlParser.class);

    private final Adapters adapters;
    private final Language language;
    private final boolean allowLiteralSecrets;

    /** A parser of the installed language (core and plug-in step and section kinds) for these adapters. */
    public UdlParser(Adapters adapters) {
        this(adapters, Language.installed(), false);
    }

    public UdlParser(Adapters adapters, Language language) {
        this(adapters, language, false);
    }

    private UdlParser(Adapters adapters, Language language, boolean allowLiteralSecrets) {
        // the plug-ins' problem codes must be unique before any message can name one
        io.unikernal.plugins.ProblemCodes.of(adapters, language);
        this.adapters = adapters;
        this.language = language;
        this.allowLiteralSecrets = allowLiteralSecrets;
    }

    /**
     * A parser for development: a literal value in a secret option ({@code password: hunter22}) is a warning
     * instead of an error (UDL-033). The CLI's {@code --allow-literal-secrets}; never a key in the file, which
     * could then allow itself.
     */
    public UdlParser allowingLiteralSecrets(boolean allow) {
        return new UdlParser(adapters, language, allow);
    }

    public ParseResult parse(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ParseResult(null, List.of(UdlMessages.fileNotFound(new SourcePos(name, 1, 1), name)));
        }
        return parse(name, text);
    }

    public ParseResult parse(String fileName, String text) {
        YamlLoader.Loaded loaded = new YamlLoader().load(fileName, text);
        if (loaded.root() == null) {
            return new ParseResult(null, loaded.errors());
        }
        ProblemList problems = new ProblemList();
        loaded.errors().forEach(problems::add);
        if (!(loaded.root() instanceof MappingNode root)) {
            problems.add(UdlMessages.notAMap(Nodes.pos(fileName, loaded.root()), Nodes.describe(loaded.root())));
            return new ParseResult(null, problems.sorted());
        }
        new TreeChecks(fileName, problems).walk(root);
        new ShapeChecker(fileName, adapters, language, problems, allowLiteralSecrets).check(root);
        UdlDocument document = new ModelBuilder(fileName, language).build(root);
        new SemanticChecker(adapters, language).check(document, problems);
        return new ParseResult(document, problems.sorted());
    }

    /** Parses and returns the document; throws {@link io.unikernal.udl.error.UdlException} on any error. Warnings are logged. */
    public UdlDocument load(Path file) {
        return load(file, w -> LOG.warn("{}", w.render()));
    }

    /** Parses and returns the document; throws on any error; hands each warning to {@code warnings}. */
    public UdlDocument load(Path file, Consumer<UdlError> warnings) {
        ParseResult result = parse(file);
        UdlDocument document = result.orThrow();
        result.warnings().forEach(warnings);
        return document;
    }
}
