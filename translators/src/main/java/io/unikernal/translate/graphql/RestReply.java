package io.unikernal.translate.graphql;

/**
 * What a REST call gave: the HTTP status and body, or, when it got none, {@code status} 502 (no connection, a reply
 * too large) or 504 (no reply in time) with {@code failure} saying which, in words safe to show.
 */
record RestReply(int status, String body, String failure) {

    static RestReply failed(int status, String failure) {
        return new RestReply(status, null, failure);
    }

    boolean answered() {
        return failure == null;
    }
}
