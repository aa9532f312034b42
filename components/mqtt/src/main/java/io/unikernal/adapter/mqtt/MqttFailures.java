package io.unikernal.adapter.mqtt;

import io.unikernal.runtime.health.NetworkFailures;
import io.unikernal.runtime.health.ProbeResult;

/**
 * What a failed connect means. The network's verdict first (unknown host permanent; refused, timed out or closed
 * early transient); then the broker's answer: a login it refuses (MQTT 5 reason 0x86 bad user name or password, 0x87
 * not authorised, 0x8C bad authentication method; MQTT 3.1.1 return codes 4 and 5), a client id or protocol version
 * it refuses, is permanent; a broker that says it is unavailable or busy (0x88, 0x89, 0x97 quota, 0x9F rate; 3.1.1
 * code 3) is transient, as is anything else the client reports on its side (a timeout waiting for CONNACK).
 */
final class MqttFailures {

    private MqttFailures() {
    }

    /** {@code code}: the broker's reason code or Paho's own (32xxx); {@code v5}: which protocol was spoken. */
    static ProbeResult classify(Exception e, int code, boolean v5, String broker) {
        String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " (" + code
                + ") at " + broker;
        ProbeResult network = NetworkFailures.classify(e, message);
        if (network != null) {
            return network;
        }
        Verdict verdict = v5 ? v5(code) : v3(code);
        return switch (verdict) {
            case LOGIN -> ProbeResult.misconfigured("the broker refused the login: " + message,
                    "check the user and password");
            case CLIENT -> ProbeResult.misconfigured("the broker refused the client: " + message,
                    "check the client id and what the broker allows it");
            case PROTOCOL -> ProbeResult.misconfigured("the broker refused the protocol: " + message,
                    v5 ? "the broker may speak MQTT 3.1.1 only: use adapter mqtt3"
                            : "check that host and port are an MQTT broker's");
            case TRANSIENT -> ProbeResult.unavailable(message);
        };
    }

    private enum Verdict {
        LOGIN, CLIENT, PROTOCOL, TRANSIENT
    }

    private static Verdict v5(int code) {
        return switch (code) {
            case 0x86, 0x87, 0x8C -> Verdict.LOGIN;
            case 0x85, 0x8A -> Verdict.CLIENT;
            case 0x84, 0x81, 0x82 -> Verdict.PROTOCOL;
            default -> Verdict.TRANSIENT;
        };
    }

    private static Verdict v3(int code) {
        return switch (code) {
            case 4, 5 -> Verdict.LOGIN;
            case 2 -> Verdict.CLIENT;
            case 1 -> Verdict.PROTOCOL;
            default -> Verdict.TRANSIENT;
        };
    }
}
