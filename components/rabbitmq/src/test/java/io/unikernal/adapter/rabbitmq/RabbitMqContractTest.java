package io.unikernal.adapter.rabbitmq;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/**
 * The adapter contract suite for rabbitmq: queues and exchanges of each case's own on the machine's RabbitMQ
 * (deleted afterwards), and a private RabbitMQ node for the restart cases.
 */
class RabbitMqContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new RabbitMqFixture();
    }
}
