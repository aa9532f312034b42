package io.unikernal.adapter.s3;

import io.unikernal.testkit.server.PrivateS3;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 stores of the module's tests: one S3Proxy the tests of this JVM share (each test with buckets of its own) and
 * private ones for the restart cases; for each, its keys as the secrets {@code S3_<port>_ACCESS} and
 * {@code S3_<port>_SECRET} (system properties the kernel's secret function reads), the UDL declaration of a system on
 * a bucket, and a client of the adapter's own making ({@link S3System}) to look at the store natively.
 */
final class S3Stores {

    private static PrivateS3 shared;

    private S3Stores() {
    }

    /** The store the tests of this JVM share; stopped when the JVM ends. */
    static synchronized PrivateS3 shared() {
        if (shared == null) {
            shared = registered(PrivateS3.launch());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop shared s3 " + shared.port()));
        }
        return shared;
    }

    /** A fresh private store the caller owns (and closes), started. */
    static PrivateS3 launch() {
        return registered(PrivateS3.launch());
    }

    private static PrivateS3 registered(PrivateS3 store) {
        System.setProperty("unikernal.secret." + accessSecret(store), store.accessKey());
        System.setProperty("unikernal.secret." + secretSecret(store), store.secretKey());
        return store;
    }

    static String accessSecret(PrivateS3 store) {
        return "S3_" + store.port() + "_ACCESS";
    }

    static String secretSecret(PrivateS3 store) {
        return "S3_" + store.port() + "_SECRET";
    }

    /** A bucket name unique to this run. */
    static String uniqueBucket(String what) {
        return "unikernal-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The UDL declaration of a system on {@code bucket} of the store, with extra YAML entries (or none). */
    static String system(PrivateS3 store, String bucket, String more) {
        return "{adapter: s3, endpoint: \"" + store.endpoint() + "\", bucket: " + bucket + ", pathStyle: true,"
                + " accessKey: \"${secret:" + accessSecret(store) + "}\", secretKey: \"${secret:"
                + secretSecret(store) + "}\"" + (more == null || more.isEmpty() ? "" : ", " + more) + "}";
    }

    /** A client of the store, built as the adapter builds its own. */
    static S3System client(PrivateS3 store, String bucket) {
        S3System system = new S3System();
        system.setEndpoint(store.endpoint());
        system.setBucket(bucket);
        system.setPathStyle(true);
        system.setAccessKey(store.accessKey());
        system.setSecretKey(store.secretKey());
        return system;
    }

    static void createBucket(S3Client client, String bucket) {
        client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
    }

    static void put(S3Client client, String bucket, String key, String content, Map<String, String> metadata) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata)
                .contentType("application/json").build(), RequestBody.fromString(content));
    }

    /** Every object of the bucket (all pages), in key order. */
    static List<S3Object> objects(S3Client client, String bucket) {
        List<S3Object> all = new ArrayList<>();
        client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build()).contents()
                .forEach(all::add);
        return all;
    }

    static List<String> keys(S3Client client, String bucket) {
        return objects(client, bucket).stream().map(S3Object::key).toList();
    }

    /** Deletes every object of the bucket, then the bucket. */
    static void dropBucket(S3Client client, String bucket) {
        for (S3Object object : objects(client, bucket)) {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(object.key()).build());
        }
        client.deleteBucket(DeleteBucketRequest.builder().bucket(bucket).build());
    }
}
