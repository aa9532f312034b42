package io.unikernal.cli;

import io.unikernal.translate.detect.Detection;
import io.unikernal.translate.detect.ProtocolDetector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unikernal translate --detect FILE}: the protocol of a captured request, offline, with the evidence. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Protocol translation (UPT) tools.",
                "--detect FILE names the protocol of a captured request (REST, gRPC, SOAP, GraphQL, WebSocket; the"
                        + " raw bytes a client sent, e.g. recorded with 'nc -l 127.0.0.1 9999 > FILE') and prints the"
                        + " evidence that decided it; see docs/translations-detect.md.",
                "Exit code 0 when the protocol is recognised, 1 when it is not or the file cannot be read."})
final class TranslateCommand implements Callable<Integer> {

    @Option(names = "--detect", required = true, paramLabel = "FILE",
            description = "A capture of the raw bytes a client sent (only its first 64 KiB are read).")
    Path capture;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] prefix;
        long size;
        try (InputStream in = Files.newInputStream(capture)) {
            prefix = in.readNBytes(ProtocolDetector.MAX_PREFIX);
            size = Files.size(capture);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + capture + ": " + unreadable(e));
            return 1;
        }
        Detection detection = new ProtocolDetector().detectPrefix(prefix, size);
        detection.report().forEach(spec.commandLine().getOut()::println);
        if (!detection.recognised()) {
            List<String> evidence = detection.evidence();
            spec.commandLine().getErr().println("error: " + capture + ": no known protocol: "
                    + evidence.get(evidence.size() - 1));
            return 1;
        }
        return 0;
    }

    private String unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return Files.isDirectory(capture) ? "is a directory, not a capture" : "cannot be read";
    }
}
