package io.unikernal.dsl.app;

import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;

/** The problems of adding a UDL app to a CamelContext someone else configures (namespace {@code DSL}). */
public final class DslProblems {

    /** The app serves HTTP, but the context's HTTP server is not configured to serve it. */
    public static final ProblemCode LISTENER_NOT_CONFIGURED = new PluginProblemCode("DSL", 1,
            "an app that serves HTTP in a CamelContext whose HTTP server is not configured for it");

    /** The app needs a Camel setting that only whoever configures the context can make. */
    public static final ProblemCode SETTING_NOT_APPLICABLE = new PluginProblemCode("DSL", 2,
            "an app that needs a Camel setting an existing CamelContext cannot take on");

    /** A schema the Java DSL names that the UDL file does not declare. */
    public static final ProblemCode UNKNOWN_SCHEMA = new PluginProblemCode("DSL", 3,
            "a schema named in the Java DSL that the UDL file does not declare");

    private DslProblems() {
    }
}
