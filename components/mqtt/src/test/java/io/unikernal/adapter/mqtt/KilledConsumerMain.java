package io.unikernal.adapter.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The consumer {@link KilledConsumerTest} kills: runs one UDL app in this JVM until the process is killed. Arguments:
 * the UDL file, the app's name, a work folder. Prints {@value #STARTED} once the app runs.
 */
public final class KilledConsumerMain {

    static final String STARTED = "consumer started";

    private KilledConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        String udl = Files.readString(Path.of(args[0]));
        MqttApps.start(args[1], udl, Path.of(args[2]), Map.of());
        System.out.println(STARTED);
        System.out.flush();
        // bounded: the test kills this process within seconds; the bound only ends an orphan
        Thread.sleep(120_000);
        System.exit(3);
    }
}
