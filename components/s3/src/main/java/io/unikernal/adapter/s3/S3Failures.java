package io.unikernal.adapter.s3;

import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a failed look at an S3 bucket means. Permanent: an unknown host; an access key the store does not know
 * ({@code InvalidAccessKeyId}) or a secret that does not match it ({@code SignatureDoesNotMatch}); access denied; a
 * bucket that does not exist or lives in another region; no credentials at all; an endpoint that answers, but not
 * as S3 does. Transient: a
 * refused connection (a store that is down looks exactly like this), a timeout, a 5xx answer (S3's "slow down", a
 * store starting).
 */
final class S3Failures {

    private S3Failures() {
    }

    static ProbeResult classify(Throwable failure, S3System system) {
        String where = system.describe();
        if (failure instanceof AwsServiceException service) {
            return classifyAnswer(service, system, where);
        }
        ProbeResult network = NetworkFailures.classify(failure, "cannot connect to " + where + " ("
                + rootMessage(failure) + ")");
        if (network != null) {
            return network;
        }
        if (failure instanceof ApiCallTimeoutException) {
            return ProbeResult.unavailable("no answer from " + where + " within "
                    + system.getProbeTimeout().toMillis() + " ms");
        }
        if (failure instanceof SdkClientException && String.valueOf(failure.getMessage())
                .startsWith("Unable to load credentials")) {
            return ProbeResult.misconfigured("no credentials for " + where + ": the system sets no accessKey and"
                    + " the AWS SDK's default chain found none", "set accessKey and secretKey, or AWS_ACCESS_KEY_ID"
                            + " and AWS_SECRET_ACCESS_KEY, a profile or an instance role");
        }
        if (failure instanceof SdkClientException) {
            return ProbeResult.unavailable("cannot reach " + where + ": " + rootMessage(failure));
        }
        return ProbeResult.unavailable(rootMessage(failure));
    }

    private static ProbeResult classifyAnswer(AwsServiceException service, S3System system, String where) {
        int status = service.statusCode();
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        if ("InvalidAccessKeyId".equals(code)) {
            return ProbeResult.misconfigured("the store does not know the access key (InvalidAccessKeyId) at " + where,
                    "check accessKey");
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return ProbeResult.misconfigured("the secret key does not match the access key (SignatureDoesNotMatch) at "
                    + where, "check secretKey");
        }
        if (status == 403) {
            return ProbeResult.misconfigured("access denied (" + (code == null ? "403" : code) + ") to " + where,
                    "check the credentials and that they may read the bucket");
        }
        if (status == 404) {
            return ProbeResult.misconfigured("no such bucket: " + where, "create the bucket, or check bucket");
        }
        if (status == 301 || status == 307 || "PermanentRedirect".equals(code)) {
            return ProbeResult.misconfigured("the bucket is in another region than " + system.getRegion() + " ("
                    + where + ")", "check region");
        }
        if (status == 400) {
            return ProbeResult.misconfigured("the store refused the request (" + (code == null ? "400" : code)
                    + ") at " + where, "check endpoint, region and pathStyle");
        }
        if (status >= 500) {
            return ProbeResult.unavailable("the store answered " + status + (code == null ? "" : " " + code) + " at "
                    + where);
        }
        return ProbeResult.misconfigured("the store answered " + status + (code == null ? "" : " " + code) + " at "
                + where, "check endpoint and pathStyle: is it an S3 API?");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
