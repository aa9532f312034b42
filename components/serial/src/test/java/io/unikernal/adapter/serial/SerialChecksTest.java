package io.unikernal.adapter.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import org.junit.jupiter.api.Test;

/** What the adapter checks in a UDL file, before any device is looked at. */
class SerialChecksTest {

    private static java.util.List<String> problems(String serial) {
        return ProbeApps.problems(new SerialAdapter(), "  line: {adapter: serial, " + serial + "}\n", "to: line");
    }

    @Test
    void aWellDeclaredSystemHasNoProblemsWhetherOrNotItsDeviceExistsHere() {
        assertThat(problems("port: /dev/ttyUSB9, baudRate: 115200, dataBits: 7, parity: even, stopBits: 1.5,"
                + " flowControl: rts-cts, framing: fixed, frameLength: 16, charset: ISO-8859-1")).isEmpty();
    }

    @Test
    void fixedFramingNeedsAFrameLengthAndNewlineFramingTakesNone() {
        assertThat(problems("port: /dev/ttyS0, framing: fixed")).singleElement().asString()
                .contains("framing: fixed needs a frameLength [SERIAL-001]");
        assertThat(problems("port: /dev/ttyS0, frameLength: 8")).singleElement().asString()
                .contains("frameLength is only used with framing: fixed [SERIAL-001]");
        assertThat(problems("port: /dev/ttyS0, framing: fixed, frameLength: 64, maxFrameSize: 32")).singleElement()
                .asString().contains("frameLength 64 is more than maxFrameSize 32 [SERIAL-001]");
    }

    @Test
    void anUnknownCharsetAndSettingsOutsideTheirValuesAreRefusedAtTheirPosition() {
        assertThat(problems("port: /dev/ttyS0, charset: klingon")).singleElement().asString()
                .contains("charset 'klingon' is not one Java knows [SERIAL-002]");
        assertThat(problems("port: /dev/ttyS0, parity: maybe")).singleElement().asString().contains("parity");
        assertThat(problems("port: /dev/ttyS0, dataBits: 9")).singleElement().asString().contains("dataBits");
        assertThat(problems("port: /dev/ttyS0, stopBits: 3")).singleElement().asString().contains("stopBits");
        assertThat(problems("port: \"COM3?x=1\"")).singleElement().asString().contains("an absolute path");
    }
}
