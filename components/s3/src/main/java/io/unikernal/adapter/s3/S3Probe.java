package io.unikernal.adapter.s3;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * The probe of an s3 system: {@code HeadBucket} on the system's bucket through a client that tries once, within a
 * short timeout; when the store refuses it, a {@code ListObjectsV2} of one key tells why (the answer to a HEAD has no
 * error code). It signs with the system's credentials, so a wrong access key or secret is found at start, as are a
 * bucket that does not exist or is not the key's to read, an unknown host and a store that is down
 * ({@link S3Failures}).
 */
public class S3Probe extends AbstractSystemProbe {

    private S3System client;

    public void setClient(S3System client) {
        this.client = client;
    }

    @Override
    public ProbeResult check() {
        try {
            client.probeClient().headBucket(HeadBucketRequest.builder().bucket(client.getBucket()).build());
            return ProbeResult.up();
        } catch (AwsServiceException refused) {
            // an answer to HEAD has no body, so no error code: ask again with a GET to learn why
            return S3Failures.classify(whyRefused(refused), client);
        } catch (RuntimeException e) {
            return S3Failures.classify(e, client);
        }
    }

    private RuntimeException whyRefused(AwsServiceException refused) {
        try {
            client.probeClient().listObjectsV2(ListObjectsV2Request.builder().bucket(client.getBucket()).maxKeys(1)
                    .build());
            return refused;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
