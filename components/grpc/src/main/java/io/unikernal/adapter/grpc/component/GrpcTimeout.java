package io.unikernal.adapter.grpc.component;

import java.time.Duration;

/**
 * The {@code grpc-timeout} header of gRPC over HTTP/2 ({@code TimeoutValue TimeoutUnit}: at most 8 digits, then
 * {@code H M S m u n}): read by the methods served on the HTTP listener (whose server does not read it) and by a
 * translation that takes it from a REST caller as the call's deadline.
 */
public final class GrpcTimeout {

    private GrpcTimeout() {
    }

    /** The duration, or null when the text is not a grpc-timeout value. */
    public static Duration parse(String text) {
        if (text == null || text.length() < 2 || text.length() > 9) {
            return null;
        }
        String digits = text.substring(0, text.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        long value = Long.parseLong(digits);
        return switch (text.charAt(text.length() - 1)) {
            case 'H' -> Duration.ofHours(value);
            case 'M' -> Duration.ofMinutes(value);
            case 'S' -> Duration.ofSeconds(value);
            case 'm' -> Duration.ofMillis(value);
            case 'u' -> Duration.ofNanos(value * 1_000);
            case 'n' -> Duration.ofNanos(value);
            default -> null;
        };
    }
}
