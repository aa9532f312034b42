package io.unikernal.adapter.mqtt;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/** The adapter contract suite for mqtt (MQTT 5) against the machine's Mosquitto, and a private one for restarts. */
class MqttContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new MqttFixture("mqtt", "5");
    }
}
