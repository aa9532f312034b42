package io.unikernal.translate.bridge;

import io.unikernal.adapter.kafka.KafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process KRaft broker (the kafka module's test-jar {@link KafkaBroker}) for the tests of one class
 * ({@code @RegisterExtension static}): started before them, closed after; each test uses topics of its own.
 */
final class KafkaPerClass implements BeforeAllCallback, AfterAllCallback {

    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext tests) {
        broker = KafkaBroker.launch();
    }

    @Override
    public void afterAll(ExtensionContext tests) {
        broker.close();
    }

    String bootstrap() {
        return broker.bootstrap();
    }
}
