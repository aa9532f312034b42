package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which subjects a stream's subject patterns capture, as NATS matches them. */
class SubjectsTest {

    @Test
    void aPatternCoversTheSubjectsItMatches() {
        assertThat(Subjects.covers("orders.>", "orders.created")).isTrue();
        assertThat(Subjects.covers("orders.>", "orders.eu.created")).isTrue();
        assertThat(Subjects.covers("orders.>", "orders")).isFalse();
        assertThat(Subjects.covers("orders.*", "orders.created")).isTrue();
        assertThat(Subjects.covers("orders.*", "orders.eu.created")).isFalse();
        assertThat(Subjects.covers("orders.created", "orders.created")).isTrue();
        assertThat(Subjects.covers("orders.created", "orders.updated")).isFalse();
        assertThat(Subjects.covers(">", "anything.at.all")).isTrue();
    }

    @Test
    void aPatternCoversANarrowerPatternOnly() {
        assertThat(Subjects.covers("orders.>", "orders.*")).isTrue();
        assertThat(Subjects.covers("orders.*", "orders.>")).isFalse();
        assertThat(Subjects.covers("orders.created", "orders.*")).isFalse();
        assertThat(Subjects.coveredBy("eu.orders", List.of("us.>", "eu.*"))).isTrue();
        assertThat(Subjects.coveredBy("asia.orders", List.of("us.>", "eu.*"))).isFalse();
    }

    @Test
    void wildcardsAreWholeTokens() {
        assertThat(Subjects.hasWildcard("orders.*")).isTrue();
        assertThat(Subjects.hasWildcard("orders.>")).isTrue();
        assertThat(Subjects.hasWildcard("orders.a*b")).isFalse();
        assertThat("orders.a*b").doesNotMatch(Subjects.REGEX);
        assertThat("orders.created").matches(Subjects.REGEX);
        assertThat("orders.>.x").doesNotMatch(Subjects.REGEX);
        assertThat("orders. x").doesNotMatch(Subjects.REGEX);
    }
}
