package io.unikernal.translate.graphql;

/**
 * One REST call a GraphQL request makes: the verb, the path with its query under the target's URL, and the JSON body
 * (null: none). Equal calls are one call: it is the key java-dataloader de-duplicates a request's GETs by.
 */
record RestCall(String verb, String pathAndQuery, String body) {
}
