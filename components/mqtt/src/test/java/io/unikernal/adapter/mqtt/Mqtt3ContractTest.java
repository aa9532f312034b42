package io.unikernal.adapter.mqtt;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/** The adapter contract suite for mqtt3 (MQTT 3) against the machine's Mosquitto, and a private one for restarts. */
class Mqtt3ContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new MqttFixture("mqtt3", "3");
    }
}
