package io.unikernal.translate.thrift;

/**
 * The called service's reply does not fit what the caller's contract promises (a number outside the narrower type):
 * the service's fault, not the caller's, so it is answered as an internal error with these words.
 */
final class ReplyMismatch extends RuntimeException {

    ReplyMismatch(MappingRefusal cause) {
        super("the service's reply does not fit the caller's contract: " + cause.getMessage(), null, false, false);
    }
}
