package io.unikernal.adapter.s3;

import io.unikernal.runtime.UdlRuntime;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app of {@link S3LargeObjectTest}, run in a child JVM with a heap far smaller than the object it copies: a route
 * that reads every object under {@code in/} as a stream ({@code format: raw}) and puts it under {@code out/} in parts,
 * deleting the original once the put succeeded. Arguments: the endpoint, the bucket, the work folder. Runs until its
 * standard input ends (the parent closes it).
 */
public final class StreamingCopyApp {

    private StreamingCopyApp() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String bucket = args[1];
        Path workDir = Files.createDirectories(Path.of(args[2]));
        String udl = """
                udl: 8
                name: streaming-copy
                systems:
                  big: {adapter: s3, endpoint: "%s", bucket: %s, pathStyle: true, accessKey: "${secret:S3_BIG_ACCESS}", secretKey: "${secret:S3_BIG_SECRET}"}
                routes:
                  - name: copy
                    from: {system: big, prefix: in/, format: raw, afterRead: delete, pollInterval: 200ms, maxPerPoll: 1}
                    steps:
                      - to: {system: big, key: "'out/' + headers.S3Key", partSize: 8388608}
                """.formatted(endpoint, bucket);
        try (UdlRuntime running = UdlRuntime.start(S3Apps.compile("streaming-copy", udl, workDir),
                java.util.Map.of())) {
            System.out.println("streaming-copy started, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
            // the parent closes our standard input once it has checked the copy
            while (System.in.read() >= 0) {
                // nothing to read: the parent only closes it
            }
        }
    }
}
