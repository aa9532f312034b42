package io.unikernal.udm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/udm.md shows the binary format's .proto; it must be the file the kernel ships, word for word. */
class UdmProtoIsTheDocumentedOneTest {

    @Test
    void theProtoInTheDocsIsTheShippedFile() throws IOException {
        String shipped;
        try (InputStream in = UdmBinaryCodec.class.getResourceAsStream("/unikernal/udm/v8/udm.proto")) {
            assertThat(in).as("unikernal/udm/v8/udm.proto on the class path").isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String docs = Files.readString(Path.of("..", "docs", "udm.md"));
        int start = docs.indexOf("```proto\n");
        assertThat(start).as("a ```proto block in docs/udm.md").isNotNegative();
        String block = docs.substring(start + "```proto\n".length(), docs.indexOf("```", start + 8));
        assertThat(block).isEqualTo(shipped);
    }
}
