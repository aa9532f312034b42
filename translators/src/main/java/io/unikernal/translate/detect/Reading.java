package io.unikernal.translate.detect;

import java.util.List;

/** What a reader made of the bytes: a request, or why there is none; with the evidence it gathered either way. */
record Reading(CapturedRequest request, List<String> evidence, String failure) {

    static Reading of(CapturedRequest request, List<String> evidence) {
        return new Reading(request, List.copyOf(evidence), null);
    }

    static Reading failed(List<String> evidence, String failure) {
        return new Reading(null, List.copyOf(evidence), failure);
    }
}
