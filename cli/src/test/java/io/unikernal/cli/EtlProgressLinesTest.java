package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.etl.run.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code etl run} shows after batches: a bar with bytes and ETA on a terminal, plain lines otherwise. */
class EtlProgressLinesTest {

    private static String shown(boolean terminal, Progress.Snapshot... snapshots) {
        StringWriter text = new StringWriter();
        var lines = new EtlCommand.ProgressLines(new PrintWriter(text), "load", terminal);
        for (Progress.Snapshot s : snapshots) {
            lines.committed(s);
        }
        return text.toString();
    }

    @Test
    void aTerminalGetsABarWithBytesAndAnEtaWhenTheSizeIsKnown() {
        String shown = shown(true, new Progress.Snapshot(1000, 990, 10, 25L << 20, 100L << 20, 2.0));
        assertThat(shown).startsWith("\r[#####               ]  25% load: 1000 rows read, 990 written, 10 rejected,"
                + " 500 rows/s, 25.0 MiB of 100.0 MiB, ETA 6 s").endsWith("\u001b[K");
    }

    @Test
    void plainLinesAtMostOnceASecondAndNoEtaWithoutASize() {
        String shown = shown(false, new Progress.Snapshot(10, 10, 0, 2048, -1, 0.5),
                new Progress.Snapshot(20, 20, 0, 4096, -1, 0.9), new Progress.Snapshot(30, 30, 0, 8192, -1, 1.6));
        assertThat(shown.lines()).containsExactly("load: 10 rows read, 10 written, 0 rejected, 20 rows/s, 0.0 MiB",
                "load: 30 rows read, 30 written, 0 rejected, 19 rows/s, 0.0 MiB");
        assertThat(shown(false, new Progress.Snapshot(5, 5, 0, -1, -1, 1))).isEqualTo(
                "load: 5 rows read, 5 written, 0 rejected, 5 rows/s" + System.lineSeparator());
    }
}
