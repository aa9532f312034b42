package io.unikernal.compile;

/**
 * How to compile. {@code testMode}: every route's source becomes {@code direct:unikernal-test-<route>} and every
 * target a capturing bean, so UDL {@code tests:} run without servers.
 */
public record CompileOptions(boolean testMode) {

    public static final CompileOptions DEFAULT = new CompileOptions(false);
    public static final CompileOptions TEST = new CompileOptions(true);

    public static String testSourceUri(String route) {
        return "direct:unikernal-test-" + route;
    }
}
