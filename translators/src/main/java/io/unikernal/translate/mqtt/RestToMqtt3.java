package io.unikernal.translate.mqtt;

/** HTTP POST to MQTT publish on an MQTT 3.1.1 broker (adapter {@code mqtt3}): the body only, no properties. */
public final class RestToMqtt3 extends RestToMqtt {

    public RestToMqtt3() {
        super("mqtt3");
    }
}
