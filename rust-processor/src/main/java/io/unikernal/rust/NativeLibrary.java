package io.unikernal.rust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code libunikernal_native}: first from {@code java.library.path}, then extracted from this
 * jar's {@code /native/<os>-<arch>/}. A failure is logged once and the Java engine serves instead,
 * unless {@code -Dunikernal.native.required=true} (or {@code UNIKERNAL_NATIVE_REQUIRED=true}), which
 * turns it into an error (CI runs so, so the native path is always the one tested).
 */
public final class NativeLibrary {
    public static final String NAME = "unikernal_native";
    public static final String REQUIRED_PROPERTY = "unikernal.native.required";
    public static final String REQUIRED_ENV = "UNIKERNAL_NATIVE_REQUIRED";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

    private static final Object LOCK = new Object();
    private static volatile boolean attempted;
    private static volatile String failure;

    private NativeLibrary() {
    }

    /** True when the library is loaded; tries once per class loader. */
    public static boolean isLoaded() {
        tryLoad();
        return failure == null;
    }

    /** Why loading failed; empty when loaded. */
    public static String failure() {
        tryLoad();
        return failure == null ? "" : failure;
    }

    /**
     * Makes sure the library is loaded.
     *
     * @throws IllegalStateException when it is not
     */
    public static void ensureLoaded() {
        if (!isLoaded()) {
            throw new IllegalStateException("native library " + NAME + " is not loaded: " + failure);
        }
    }

    /** {@code -Dunikernal.native.required=true} or the environment's {@code UNIKERNAL_NATIVE_REQUIRED=true} (as .ci/run sets). */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRED_PROPERTY) || "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV));
    }

    /** {@code linux-x86_64} style: Java's {@code amd64} is {@code x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos" : os.startsWith("windows") ? "windows" : os;
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static void tryLoad() {
        if (!attempted) {
            synchronized (LOCK) {
                if (!attempted) {
                    failure = load();
                    attempted = true;
                    if (failure != null && !required()) {
                        LOG.warn("Unikernal native library not loaded ({}); the pure-Java engine is used instead", failure);
                    }
                }
            }
        }
        if (failure != null && required()) {
            throw new IllegalStateException("native library " + NAME + " is required (-D" + REQUIRED_PROPERTY
                    + "=true) but did not load: " + failure);
        }
    }

    private static String load() {
        try {
            System.loadLibrary(NAME);
            return null;
        } catch (UnsatisfiedLinkError fromPath) {
            String resource = "/native/" + platform() + "/" + System.mapLibraryName(NAME);
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return "not on java.library.path and no " + resource + " in the jar";
                }
                Path dir = Files.createTempDirectory("unikernal-native");
                Path file = dir.resolve(System.mapLibraryName(NAME));
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                System.load(file.toAbsolutePath().toString());
                return null;
            } catch (IOException | UnsatisfiedLinkError e) {
                return "extracting " + resource + " failed: " + e;
            }
        }
    }
}
