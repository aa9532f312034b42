package io.unikernal.adapter.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import io.unikernal.runtime.health.ProbeResult;
import io.unikernal.testkit.server.PtyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the probe of a serial system says, before the start and while the app runs, on a socat pty pair. */
class SerialProbeTest {

    @TempDir
    Path tmp;

    private static SerialProbe probe(Path port) {
        SerialProbe probe = new SerialProbe();
        probe.setSystem("line");
        probe.setAdapter("serial");
        probe.setPort(port.toString());
        return probe;
    }

    @Test
    void aPortThatOpensIsUpAndOneThatDoesNotExistOrIsAFileIsAWrongPath() throws Exception {
        try (PtyPair pair = PtyPair.launch()) {
            assertThat(probe(pair.a()).checkBeforeStart()).isEqualTo(ProbeResult.up());
        }
        Path missing = tmp.resolve("ttyNONE");
        ProbeResult absent = probe(missing).checkBeforeStart();
        assertThat(absent.isPermanent()).isTrue();
        assertThat(absent.describe()).isEqualTo("serial port " + missing + " does not exist — check the system's port"
                + " (is the device plugged in, and is this its path?)");
        Path file = Files.writeString(tmp.resolve("not-a-tty"), "x");
        assertThat(probe(file).checkBeforeStart().describe()).startsWith("serial port " + file
                + " is not a serial device but a file");
        assertThat(probe(file).checkBeforeStart().isPermanent()).isTrue();
    }

    @Test
    void aPortAnotherProgramHoldsIsDownForNowNotWrong() {
        try (PtyPair pair = PtyPair.launch()) {
            SerialPort holder = SerialPort.getCommPort(pair.a().toString());
            assertThat(holder.openPort()).as("the port opened by another user first").isTrue();
            try {
                ProbeResult busy = probe(pair.a()).checkBeforeStart();
                assertThat(busy.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
                assertThat(busy.cause()).startsWith("serial port " + pair.a() + " cannot be opened (it is in use");
            } finally {
                holder.closePort();
            }
        }
    }

    @Test
    void whileTheAppRunsADeviceThatIsGoneIsDownAndUpOnceItIsBack() {
        try (PtyPair pair = PtyPair.launch()) {
            SerialProbe probe = probe(pair.a());
            assertThat(probe.check().isUp()).isTrue();
            pair.stop();
            ProbeResult gone = probe.check();
            assertThat(gone.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
            assertThat(gone.cause()).isEqualTo("serial port " + pair.a() + " is gone (the device was removed)");
            pair.start();
            assertThat(probe.check().isUp()).isTrue();
        }
    }
}
