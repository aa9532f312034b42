package io.unikernal.adapter.s3;

import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.testkit.server.PatternStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * The second app of {@link S3LargeObjectTest}, run in a child JVM with a heap far smaller than its object: a stream
 * a Java caller hands to a route (through the contract probe's in-process feed) is put in parts; then a route gets
 * that object as a stream ({@code format: raw}) and its next step puts it under {@code copy/}. Arguments: the
 * endpoint, the bucket, the work folder, the size. Prints {@code uploaded} and {@code copied}, and ends.
 */
public final class StreamingUploadApp {

    private StreamingUploadApp() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String bucket = args[1];
        Path workDir = Files.createDirectories(Path.of(args[2]));
        long size = Long.parseLong(args[3]);
        String system = "{adapter: s3, endpoint: \"" + endpoint + "\", bucket: " + bucket + ", pathStyle: true,"
                + " accessKey: \"${secret:S3_BIG_ACCESS}\", secretKey: \"${secret:S3_BIG_SECRET}\"}";
        String udl = """
                udl: 8
                name: streaming-upload
                systems:
                  up:   {adapter: contract-probe}
                  copy: {adapter: contract-probe}
                  big: %s
                routes:
                  - name: upload
                    from: up
                    steps:
                      - to: {system: big, key: "'up/big.bin'", partSize: 8388608}
                  - name: copy
                    from: copy
                    steps:
                      - to: {system: big, operation: get, format: raw, key: "'up/big.bin'"}
                      - to: {system: big, key: "'copy/big.bin'", partSize: 8388608}
                """.formatted(system);
        try (UdlRuntime running = UdlRuntime.start(S3Apps.compile("streaming-upload", udl, workDir), Map.of())) {
            System.out.println("streaming-upload started, max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB");
            ProducerTemplate template = running.context().createProducerTemplate();
            // InOut: the caller waits for the route (timeout=0: however long the upload takes)
            template.requestBody(Probes.feedUri("streaming-upload", "up") + "?timeout=0", new PatternStream(size));
            System.out.println("uploaded");
            template.requestBody(Probes.feedUri("streaming-upload", "copy") + "?timeout=0", "{}");
            System.out.println("copied");
        }
    }
}
