package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.compile.CamelYamlSchema;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.udl.spec.Option;
import java.util.Optional;
import org.apache.camel.model.ProcessorDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** validate passes exactly what compiles; what fails anyway is an internal error, said without Java text. */
class ValidationMatchesCompilationTest {

    private static final String JDBC_WITHOUT_SQL = """
            udl: 8
            name: nosql
            systems:
              api: {adapter: http, port: 18124}
              db: {adapter: jdbc}
            routes:
              - name: save
                from: api
                steps:
                  - to: db
            """;

    @TempDir
    Path tmp;

    @Test
    void validateRefusesAJdbcTargetWithoutItsStatement() throws Exception {
        Path file = write("nosql.udl.yaml", JDBC_WITHOUT_SQL);
        Cli result = Cli.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(file + ":10:13: system 'db' (adapter jdbc) needs option 'sql' in each use"
                + " as a target [UDL-005]");
    }

    @Test
    void runAndCompileRefuseItTooWithoutAJavaExceptionText() throws Exception {
        Path file = write("nosql.udl.yaml", JDBC_WITHOUT_SQL);
        for (Cli result : List.of(Cli.run("run", file.toString()),
                Cli.run("compile", file.toString(), "-o", tmp.resolve("out").toString()))) {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("needs option 'sql'").doesNotContain("Cannot invoke")
                    .doesNotContain("Exception").doesNotContain("java.");
        }
    }

    @Test
    void systemsNamedLikeTheKernelsOwnBeansCompile() throws Exception {
        Path file = write("names.udl.yaml", """
                udl: 8
                name: names
                systems:
                  api: {adapter: http, port: 18125}
                  write-json: {adapter: jdbc}
                  error-reply: {adapter: jdbc}
                  target-failure: {adapter: redis}
                  out: {adapter: file, directory: out}
                routes:
                  - name: save
                    from: api
                    policy: {idempotency: {key: id, store: target-failure}}
                    steps:
                      - to: {system: write-json, sql: "select 1 as one"}
                      - to: {system: error-reply, sql: "select 2 as two"}
                      - to: out
                """);
        Cli validate = Cli.run("validate", file.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        Cli compile = Cli.run("compile", file.toString(), "-o", tmp.resolve("out").toString());
        assertThat(compile.exitCode()).as(compile.err()).isZero();
        assertThat(CamelYamlSchema.violations(Files.readString(tmp.resolve("out/names.camel.yaml")))).isEmpty();
    }

    @Test
    void anInternalErrorIsOneSentenceNamingTheRouteWithExitCodeThree() throws Exception {
        Adapters broken = Adapters.of(new BrokenSource());
        Throwable defect = catchThrowable(() -> new UdlCompiler(broken).compile(new UdlParser(broken).parse("app.udl",
                "udl: 8\nname: app\nsystems: {in: {adapter: broken}}\nroutes:\n  - {name: r, from: in, "
                        + "steps: [{filter: \"true\"}]}\n").orThrow(), tmp, CompileOptions.DEFAULT));
        StringWriter err = new StringWriter();
        CommandLine cli = UnikernalCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.getExecutionExceptionHandler().handleExecutionException((Exception) defect, cli, null);
        assertThat(code).isEqualTo(3);
        Matcher m = Pattern.compile("internal error while compiling route 'r' \\(app.udl:5:5\\); please report it "
                + "with the UDL file and (\\S+\\.txt)\\R").matcher(err.toString());
        assertThat(m.matches()).as(err.toString()).isTrue();
        assertThat(err.toString()).doesNotContain("Cannot invoke").doesNotContain("NullPointer");
        assertThat(Path.of(m.group(1))).content().contains("NullPointerException").contains("Cannot invoke");
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A source adapter with a defect: it dereferences an option the checks never promised. */
    private record BrokenSource() implements Adapter {
        @Override public AdapterInfo info() { return new AdapterInfo("broken", "broken", "test"); }
        @Override public List<Option<?>> systemOptions() { return List.of(); }

        @Override
        public Optional<SourceRole> source() {
            return Optional.of(new SourceRole() {
                @Override
                public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
                    return Optional.empty();
                }

                @Override
                public String uri(SystemUse use, CompileContext ctx) {
                    throw new NullPointerException("Cannot invoke \"String.strip()\" because the value is null");
                }

                @Override
                public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
                }
            });
        }
    }
}
