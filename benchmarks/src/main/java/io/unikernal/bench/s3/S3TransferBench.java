package io.unikernal.bench.s3;

import static io.unikernal.bench.support.BenchSupport.measure;

import io.unikernal.bench.support.BenchSupport;
import io.unikernal.bench.support.BenchSupport.Measured;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.testkit.server.PatternStream;
import io.unikernal.testkit.server.PrivateS3;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Upload and download of one large object (256 MiB by default) through the s3 adapter against the AWS SDK v2 used
 * directly, against S3Proxy (filesystem store under {@code target/private-servers/}) in a JVM of its own, so its CPU
 * time is not the bench JVM's. Run the bench JVM with a heap smaller than the object ({@code -Xmx128m}): a side that
 * held the object whole would end with an OutOfMemoryError.
 *
 * <ul>
 *   <li><b>raw upload</b>: createMultipartUpload, then {@code PART_SIZE} bytes read from the source stream into one
 *       buffer and sent with uploadPart, part after part, then completeMultipartUpload;
 *   <li><b>udl upload</b>: {@code from: direct} → {@code to: {system: store, key: ..., partSize: PART_SIZE}}; the
 *       caller sends the source stream as the body (camel-aws2-s3's multipart upload, as the adapter configures it);
 *   <li><b>raw download</b>: getObject, its stream read to the end into a 64 KiB buffer;
 *   <li><b>udl download</b>: {@code from: direct} → {@code to: {system: store, operation: get, format: raw, key: ...}}
 *       → {@code to: sink} (a direct system); the sink is a plain Camel route that reads the stream to the end in the
 *       same way.
 * </ul>
 *
 * The source stream is the same generated pattern on both sides (no disk read); every transfer's length is checked.
 * {@code S3TransferBench MIB ROUNDS}; A and B alternate; needs {@code -Dunikernal.s3proxy.jar}.
 */
public final class S3TransferBench {

    private static final int PART_SIZE = 8 << 20;

    private S3TransferBench() {
    }

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 256) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String bucket = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.println(BenchSupport.host());
        try (PrivateS3 store = PrivateS3.launch(); S3Client client = client(store)) {
            System.setProperty("unikernal.secret.BENCH_S3_ACCESS", store.accessKey());
            System.setProperty("unikernal.secret.BENCH_S3_SECRET", store.secretKey());
            System.out.printf("store: S3Proxy 2.6.0 (filesystem store in %s) in its own JVM; object %d MiB, parts of"
                    + " %d MiB, %d rounds, bucket %s%n", store.dataDir(), size >> 20, PART_SIZE >> 20, rounds, bucket);
            client.createBucket(b -> b.bucket(bucket));
            List<Measured[]> raw = new ArrayList<>();
            List<Measured[]> udl = new ArrayList<>();
            try (UdlRuntime app = startApp(store, bucket)) {
                ProducerTemplate template = app.context().createProducerTemplate();
                System.out.println("routes: " + String.join(", ", app.context().getRoutes().stream()
                        .map(r -> r.getRouteId() + " (stream caching " + (r.isStreamCaching() ? "on" : "off") + ")")
                        .toList()));
                for (int round = 0; round <= rounds; round++) {
                    // round 0 warms both up and is not counted
                    step(round, "raw upload");
                    Measured rawUp = measure(() -> rawUpload(client, bucket, "raw/big.bin", size));
                    check(client, bucket, "raw/big.bin", size);
                    step(round, "raw download");
                    Measured rawDown = measure(() -> expect(rawDownload(client, bucket, "raw/big.bin"), size));
                    step(round, "udl upload");
                    Measured udlUp = measure(() -> template.requestBody("direct:bench-up", new PatternStream(size)));
                    check(client, bucket, "udl/big.bin", size);
                    step(round, "udl download");
                    Measured udlDown = measure(() -> expect(template.requestBody("direct:bench-down", "{}",
                            Long.class), size));
                    if (round > 0) {
                        raw.add(new Measured[] {rawUp, rawDown});
                        udl.add(new Measured[] {udlUp, udlDown});
                        System.out.printf("round %d  raw up %s  down %s | udl up %s  down %s%n", round,
                                mbs(rawUp, size), mbs(rawDown, size), mbs(udlUp, size), mbs(udlDown, size));
                    }
                }
                template.stop();
            }
            for (String key : List.of("raw/big.bin", "udl/big.bin")) {
                client.deleteObject(b -> b.bucket(bucket).key(key));
            }
            client.deleteBucket(b -> b.bucket(bucket));
            summary(raw, udl, size);
        }
    }

    /** Where the warm-up round is (a failure then says which side failed). */
    private static void step(int round, String what) {
        if (round == 0) {
            System.out.println("warm-up: " + what);
        }
    }

    private static String mbs(Measured m, long size) {
        return String.format("%6.1f MB/s (%5.1f ms CPU/MB)", m.rate(size / 1e6), m.cpuNanos() / 1e6 / (size / 1e6));
    }

    private static void expect(long got, long size) {
        if (got != size) {
            throw new IllegalStateException("read " + got + " bytes, not " + size);
        }
    }

    private static void check(S3Client client, String bucket, String key, long size) {
        expect(client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()).contentLength(), size);
    }

    static S3Client client(PrivateS3 store) {
        return S3Client.builder().endpointOverride(URI.create(store.endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(store.accessKey(),
                        store.secretKey())))
                // S3Proxy refuses the SDK's flexible checksums (see DESIGN.md); the adapter does the same
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    private static UdlRuntime startApp(PrivateS3 store, String bucket) throws Exception {
        String udl = """
                udl: 8
                name: bench-s3
                systems:
                  up:    {adapter: direct, name: bench-up}
                  down:  {adapter: direct, name: bench-down}
                  sink:  {adapter: direct, name: bench-sink}
                  store: {adapter: s3, endpoint: "%s", bucket: %s, pathStyle: true, accessKey: "${secret:BENCH_S3_ACCESS}", secretKey: "${secret:BENCH_S3_SECRET}"}
                routes:
                  - name: upload
                    from: up
                    steps:
                      - to: {system: store, key: "'udl/big.bin'", partSize: %d}
                  - name: download
                    from: down
                    steps:
                      - to: {system: store, operation: get, format: raw, key: "'udl/big.bin'"}
                      - to: sink
                """.formatted(store.endpoint(), bucket, PART_SIZE);
        UdlRuntime app = BenchSupport.startUdl("bench-s3.udl.yaml", udl);
        app.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the harness's reader of the downloaded stream (no stream caching: it reads the stream itself)
                from("direct:bench-sink").routeId("bench-sink").streamCache("false")
                        .process(e -> e.getMessage().setBody(drain(e.getMessage().getBody(InputStream.class))));
            }
        });
        return app;
    }

    /** The baseline upload: multipart, one part buffer reused. */
    static void rawUpload(S3Client client, String bucket, String key, long size) throws Exception {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[PART_SIZE];
        try (InputStream in = new PatternStream(size)) {
            for (int number = 1; ; number++) {
                int n = in.readNBytes(buffer, 0, PART_SIZE);
                if (n == 0 && number > 1) {
                    break;
                }
                int part = number;
                String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part)
                        .contentLength((long) n), RequestBody.fromInputStream(new java.io.ByteArrayInputStream(buffer,
                        0, n), n)).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                if (n < PART_SIZE) {
                    break;
                }
            }
        }
        client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    }

    static long rawDownload(S3Client client, String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(b -> b.bucket(bucket).key(key))) {
            return drain(in);
        }
    }

    static long drain(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }

    private static void summary(List<Measured[]> raw, List<Measured[]> udl, long size) {
        double mb = size / 1e6;
        System.out.println();
        System.out.println("| round | raw up MB/s | UDL up MB/s | up UDL/raw | raw down MB/s | UDL down MB/s | down UDL/raw"
                + " | CPU ms/MB raw up, UDL up, raw down, UDL down |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int i = 0; i < raw.size(); i++) {
            Measured[] a = raw.get(i);
            Measured[] b = udl.get(i);
            System.out.printf("| %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.2f, %.2f, %.2f, %.2f |%n", i + 1,
                    a[0].rate(mb), b[0].rate(mb), b[0].rate(mb) / a[0].rate(mb), a[1].rate(mb), b[1].rate(mb),
                    b[1].rate(mb) / a[1].rate(mb), cpu(a[0], mb), cpu(b[0], mb), cpu(a[1], mb), cpu(b[1], mb));
        }
        System.out.println();
        String[] names = {"raw up", "UDL up", "raw down", "UDL down"};
        for (int k = 0; k < 4; k++) {
            int side = k % 2;
            int dir = k / 2;
            long[] nanos = (side == 0 ? raw : udl).stream().mapToLong(m -> m[dir].wallNanos()).sorted().toArray();
            System.out.printf("%-8s time per transfer: min %.2f s, median %.2f s, max %.2f s%n", names[k],
                    nanos[0] / 1e9, nanos[nanos.length / 2] / 1e9, nanos[nanos.length - 1] / 1e9);
        }
        System.out.printf("%nthe bench JVM's max heap was %d MiB for a %d MiB object: neither side held it whole%n",
                Runtime.getRuntime().maxMemory() >> 20, size >> 20);
    }

    private static double cpu(Measured m, double mb) {
        return m.cpuNanos() / 1e6 / mb;
    }
}
