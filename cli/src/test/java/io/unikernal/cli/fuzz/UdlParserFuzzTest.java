package io.unikernal.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.spec.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Fuzzes the UDL front end with documents generated from the language's declarations ({@link UdlGenerator}) and
 * with mutations of them. Each property runs {@value #TRIES} files or one minute, whichever comes first (bounded in
 * count and in time; the time bound only stops generating, it asserts nothing). No input may crash the parser or
 * reach the user as a Java exception; every problem is a UdlError with file:line:col; what is accepted compiles.
 * A file that once broke this belongs in src/test/resources/udl-fuzz-corpus, replayed by UdlFuzzCorpusTest.
 */
class UdlParserFuzzTest {

    static final int TRIES = 10_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    /**
     * Where the generated files say they are: it holds the example files the jdbc, grpc, graphql, soap and thrift
     * options name.
     */
    private static final Path BASE = Path.of("target/udl-fuzz");

    private static final AtomicInteger GENERATED = new AtomicInteger();
    private static final AtomicInteger VALID = new AtomicInteger();
    private static final AtomicInteger MUTATED = new AtomicInteger();
    private static final AtomicInteger MUTATED_VALID = new AtomicInteger();
    private static final UdlGenerator.Seen SEEN_VALID = new UdlGenerator.Seen();
    private static final List<String> INVALID_SAMPLES = new ArrayList<>();
    private static Instant generatedDeadline;
    private static Instant mutatedDeadline;

    /**
     * The seeds come from a fixed property seed, so a red CI run is a regression and not the luck of the draw; change
     * {@code seed} (or remove it) to explore, and add what breaks to the corpus.
     */
    private static final String PROPERTY_SEED = "20261201";

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, seed = PROPERTY_SEED)
    void generatedFilesParseAndTheValidOnesCompile(@ForAll long seed) {
        generatedDeadline = generatedDeadline == null ? Instant.now().plus(BUDGET) : generatedDeadline;
        if (Instant.now().isAfter(generatedDeadline)) {
            return;
        }
        prepareBase();
        UdlGenerator generator = new UdlGenerator(seed, FrontEndInvariants.ADAPTERS);
        String text = yaml(generator.document(), new Random(seed).nextBoolean());
        GENERATED.incrementAndGet();
        ParseResult result = FrontEndInvariants.check(BASE + "/gen.udl.yaml", text, BASE);
        if (result.errors().isEmpty()) {
            VALID.incrementAndGet();
            synchronized (SEEN_VALID) {
                SEEN_VALID.addAll(generator.seen());
            }
        } else if (INVALID_SAMPLES.size() < 5) {
            INVALID_SAMPLES.add(result.errors().get(0).headline());
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, seed = PROPERTY_SEED)
    void mutatedFilesNeverCrashAndReportWhereTheProblemIs(@ForAll long seed) {
        mutatedDeadline = mutatedDeadline == null ? Instant.now().plus(BUDGET) : mutatedDeadline;
        if (Instant.now().isAfter(mutatedDeadline)) {
            return;
        }
        Random rnd = new Random(seed);
        String text = Mutations.mutate(yaml(new UdlGenerator(seed, FrontEndInvariants.ADAPTERS).document(), rnd.nextBoolean()),
                rnd);
        MUTATED.incrementAndGet();
        if (FrontEndInvariants.check(BASE + "/mut.udl.yaml", text, BASE).errors().isEmpty()) {
            MUTATED_VALID.incrementAndGet();
        }
    }

    private static synchronized void prepareBase() {
        try {
            Path init = BASE.resolve("db/schema.sql");
            if (!Files.exists(init)) {
                Files.createDirectories(init.getParent());
                Files.writeString(init, "create table if not exists fuzz(id varchar(20));\n");
            }
            // the grpc options' examples: the .proto (with the method example's service) and the TLS files
            Files.writeString(BASE.resolve("orders.proto"), "syntax = \"proto3\";\npackage orders;\n"
                    + "message Order { string id = 1; }\nservice OrderService { rpc GetOrder (Order) returns (Order); }\n");
            // the graphql options' examples: the SDL with the field example's Query.order
            Files.writeString(BASE.resolve("api.graphqls"), "type Query { order(id: ID): String }\n");
            // the soap options' examples: the soap-quotes example's WSDL, with the operation example's GetQuote
            Files.copy(Path.of("../examples/soap-quotes/quotes.wsdl"), BASE.resolve("quotes.wsdl"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // the thrift options' examples: the IDL with the method example's Calculator.add
            Files.writeString(BASE.resolve("calculator.thrift"), "service Calculator { i32 add(1: i32 num1, 2: i32 num2) }\n");
            for (String file : java.util.List.of("certs/server.pem", "certs/server.key", "certs/ca.pem")) {
                Files.createDirectories(BASE.resolve(file).getParent());
                Files.writeString(BASE.resolve(file), "not read by the checks\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void coverage() {
        System.out.printf("UDL fuzz: %d generated (%d valid, compiled both ways), %d mutated (%d still valid)%n"
                        + "  adapters in valid files: %s%n  key kinds in valid files: %s%n  structs/keys: %d %s%n"
                        + "  first errors of invalid generated files: %s%n",
                GENERATED.get(), VALID.get(), MUTATED.get(), MUTATED_VALID.get(), SEEN_VALID.adapters(),
                SEEN_VALID.kinds(), SEEN_VALID.keys().size(), SEEN_VALID.keys(), INVALID_SAMPLES);
        assertThat(GENERATED.get()).isPositive();
        // the generator knows the declarations; an adapter's own checks tie uses and options together beyond them
        // (an MQTT target's topic holds no wildcard, kafka's truststore only with TLS, a grpc source's method, a
        // served soap operation's port), so with thirty-one adapters most files are invalid by design: a tenth valid
        // (each compiled both ways; 31% measured with twenty-six adapters, 17% with thirty-one) is the floor, and
        // every adapter must appear in a valid file
        assertThat(VALID.get()).as("valid generated files").isGreaterThan(GENERATED.get() / 10);
        assertThat(SEEN_VALID.adapters()).as("adapters in valid files")
                .containsAll(FrontEndInvariants.ADAPTERS.all().values().stream().map(Adapter::name).toList());
        assertThat(SEEN_VALID.kinds()).as("key kinds in valid files").containsAll(EnumSet.allOf(ValueKind.class));
    }

    static String yaml(Map<String, Object> doc, boolean flow) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(flow ? FlowStyle.FLOW : FlowStyle.BLOCK)
                .setWidth(200).build()).dumpToString(doc);
    }
}
