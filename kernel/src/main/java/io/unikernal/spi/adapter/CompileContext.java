package io.unikernal.spi.adapter;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.spec.Option;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;

/** What an adapter may use and contribute while a UDL document is compiled. */
public interface CompileContext {

    UdlDocument document();

    /** The folder of the UDL file; relative file options are resolved against it. */
    Path baseDir();

    /**
     * The option's value as text for an endpoint URI, a bean or a property: {@code ${env:NAME:default}} becomes
     * {@code {{env:NAME:default}}} and {@code ${secret:NAME}} becomes {@code {{secret:NAME}}} so Camel resolves them
     * at run time and the compiled files never hold the values. Returns {@code fallback} when the option is absent.
     */
    String text(OptionValue value, String fallback);

    /**
     * UDL text as Camel text: {@code ${env:...}} and {@code ${secret:...}} references become placeholders Camel
     * resolves at start-up (their values masked), e.g. for a log line's template.
     */
    String camelText(String udlText);

    /** Like {@link #text} for a declared option of a system, falling back to the option's declared default. */
    default String text(SystemDecl system, Option<?> option) {
        return text(system.option(option.name()), option.text((io.unikernal.udl.model.OptionValue) null));
    }

    /** Like {@link #text} for a declared option of one use (from, to), falling back to its declared default. */
    default String text(EndpointRef use, Option<?> option) {
        return text(use.option(option.name()), option.text((io.unikernal.udl.model.OptionValue) null));
    }

    /**
     * Declares a bean the routes refer to by name. The in-process run binds it into the registry; the YAML output
     * declares it in a {@code beans:} block. Values are strings and may hold Camel placeholders, never resolved
     * secrets. Declaring the same name twice with the same definition is a no-op.
     */
    void addBean(String name, Class<?> type, Map<String, String> properties);

    /** Same, with constructor arguments (in order). */
    void addBean(String name, Class<?> type, java.util.List<String> constructorArgs, Map<String, String> properties);

    /** Same, with an init method called after the properties are set (e.g. to run a DB init script). */
    void addBean(BeanFactoryDefinition<?> bean);

    /** Adds an application property; conflicting values for one key are a compile error. */
    void addProperty(String key, String value);

    /**
     * The name of the bean that holds a system's own resource (a connection pool, a client). System names are
     * identifiers (no '.'), the kernel's own beans never hold a '.', so a system can never take a kernel bean's name.
     */
    default String systemBean(SystemDecl system) {
        return "system." + system.name();
    }

    /** A bean name unique in this app, derived from the hint. */
    String uniqueName(String hint);

    /**
     * True when a section serves the system's listener itself (see
     * {@link io.unikernal.spi.section.SectionKind#servedSystems}): the adapter must not open a server of its own on
     * it, and its probe treats it as a listener.
     */
    default boolean servedBySection(SystemDecl system) {
        return false;
    }

    /** True when compiling for {@code unikernal test}: sources are direct endpoints, targets are captured. */
    boolean testMode();
}
