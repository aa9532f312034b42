package io.unikernal.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.CompiledApp;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.ParseResult;
import io.unikernal.udl.parse.UdlParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the s3 adapter's declarations and checks say about a UDL file, at the option's position with the fix; the
 * worked example parses and checks clean; and what a compiled app holds: Camel's own move/delete after read off, the
 * system's client bean, multipart puts, and no secret.
 */
class S3DeclarationsTest {

    @TempDir
    Path workDir;

    private static final String APP = """
            udl: 8
            name: checks
            systems:
              store: %s
              out: {adapter: s3, bucket: out-bucket}
            routes:
              - name: move
                from: %s
                steps:
                  - to: %s
            """;

    private static List<String> problems(String store, String from, String to) {
        ParseResult result = new UdlParser(Adapters.installed()).parse("checks.udl.yaml", APP.formatted(store, from,
                to));
        return result.problems().stream().map(UdlError::render).toList();
    }

    private static final String STORE = "{adapter: s3, bucket: in-bucket}";

    @Test
    void theWorkedExampleParsesAndChecksClean() throws Exception {
        String text;
        try (InputStream in = S3Adapter.class.getResourceAsStream("/META-INF/unikernal/examples/s3.udl.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(new UdlParser(Adapters.installed()).parse("s3.udl.yaml", text).problems()).isEmpty();
        assertThat(S3Apps.compile("order-files", text, workDir)).isNotNull();
    }

    @Test
    void aSourceMayNotReadItsOwnDoneOrFailedObjects() {
        assertThat(problems(STORE, "store", "out")).hasSize(2).allSatisfy(p -> assertThat(p).contains("[S3-001]"))
                .anySatisfy(p -> assertThat(p).contains("donePrefix 'done/' lies inside the whole bucket"))
                .anySatisfy(p -> assertThat(p).contains("failedPrefix 'failed/' lies inside"));
        assertThat(problems(STORE, "{system: store, prefix: in/}", "out")).isEmpty();
        assertThat(problems(STORE, "{system: store, glob: \"in/*.json\", afterRead: delete}", "out")).isEmpty();
        assertThat(problems(STORE, "{system: store, prefix: in/, failedPrefix: in/failed/}", "out"))
                .singleElement().asString().contains("checks.udl.yaml:8:").contains("[S3-001]")
                .contains("failedPrefix 'in/failed/' lies inside 'in/'");
    }

    @Test
    void targetOptionsMustFitTheOperation() {
        String from = "{system: store, prefix: in/}";
        assertThat(problems(STORE, from, "{system: out, operation: get}")).singleElement().asString()
                .contains("[S3-002]").contains("operation get needs the object's key");
        assertThat(problems(STORE, from, "{system: out, operation: delete}")).singleElement().asString()
                .contains("[S3-002]");
        assertThat(problems(STORE, from, "{system: out, operation: list, key: id}")).singleElement().asString()
                .contains("[S3-003]").contains("'key' does nothing for operation list")
                .contains("operation delete or get or put");
        assertThat(problems(STORE, from, "{system: out, glob: \"a/*\"}")).singleElement().asString()
                .contains("[S3-003]").contains("use it with operation list");
        assertThat(problems(STORE, from, "{system: out, key: \"'a' +\"}")).singleElement().asString()
                .contains("expression does not parse");
    }

    @Test
    void namesAndCredentialsAreChecked() {
        String from = "{system: store, prefix: in/}";
        assertThat(problems("{adapter: s3, bucket: \"In_Bucket\"}", from, "out")).singleElement().asString()
                .contains("bucket").contains("an S3 bucket name");
        assertThat(problems("{adapter: s3, bucket: b12, endpoint: \"http://h:9000?x=1\"}", from, "out"))
                .singleElement().asString().contains("endpoint");
        assertThat(problems("{adapter: s3, bucket: b12, accessKey: AKIA123, secretKey: \"${secret:S}\"}", from,
                "out")).singleElement().asString().contains("accessKey").contains("${secret:");
        assertThat(problems("{adapter: s3, bucket: b12, accessKey: \"${secret:A}\"}", from, "out"))
                .singleElement().asString().contains("secretKey");
    }

    @Test
    void theCompiledAppSettlesObjectsItselfUploadsInPartsAndHoldsNoSecret() {
        System.setProperty("unikernal.secret.S3_DECL_SECRET", "never-in-a-file");
        try {
            String store = "{adapter: s3, endpoint: \"http://127.0.0.1:9000\", pathStyle: true, bucket: in-bucket,"
                    + " accessKey: \"${secret:S3_DECL_ACCESS}\", secretKey: \"${secret:S3_DECL_SECRET}\"}";
            CompiledApp app = S3Apps.compile("checks", APP.formatted(store, "{system: store, prefix: in/,"
                    + " maxPerPoll: 5, pollInterval: 250ms}", "{system: out, key: \"'o/' + id\"}"), workDir);
            String yaml = YamlEmitter.routesYaml(app);
            assertThat(yaml).contains("aws2-s3://in-bucket?amazonS3Client=#bean:system.store.client",
                    "prefix=RAW(in/)", "deleteAfterRead=false", "moveAfterRead=false", "includeBody=false",
                    "maxMessagesPerPoll=RAW(5)", "delay=RAW(250)", "aws2-s3://out-bucket?", "multiPartUpload=true",
                    "partSize=RAW(8388608)", "{{secret:S3_DECL_SECRET}}", "language: cel")
                    .doesNotContain("never-in-a-file").doesNotContain("secretKey=").doesNotContain("accessKey=");
        } finally {
            System.clearProperty("unikernal.secret.S3_DECL_SECRET");
        }
    }
}
