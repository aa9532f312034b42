package io.unikernal.spi.adapter;

import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;

/**
 * An adapter makes a kind of system usable from UDL. It declares its {@link AdapterInfo info} and the options of a
 * system declaration, and offers the roles a system of its kind can play — {@link SourceRole source},
 * {@link TargetRole target}, {@link KeyStoreRole key store}, {@link CheckpointStoreRole checkpoint store} — each with
 * its own options and hooks. A role it does not offer is simply absent: the kernel refuses such a use before
 * compiling (NOT_A_SOURCE, NOT_A_TARGET, NOT_A_KEY_STORE). Everything an adapter adds to a route is a Camel model
 * node or a model bean (never a lambda), so it dumps to YAML. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.unikernal.spi.adapter.Adapter}).
 */
public interface Adapter {

    AdapterInfo info();

    /** Options allowed on the system declaration itself. */
    List<Option<?>> systemOptions();

    /**
     * Checks of a system declaration beyond what the option declarations express (a file that must exist, an option
     * combination). Report at the option's position, with this adapter's own {@link #problemCodes() codes} or the
     * kernel's.
     */
    default void check(SystemDecl system, Problems problems) {
    }

    /** Called once per declared system before routes are built: register beans and application properties. */
    default void contribute(SystemDecl system, CompileContext ctx) {
    }

    default Optional<SourceRole> source() {
        return Optional.empty();
    }

    default Optional<TargetRole> target() {
        return Optional.empty();
    }

    default Optional<KeyStoreRole> keyStore() {
        return Optional.empty();
    }

    default Optional<CheckpointStoreRole> checkpointStore() {
        return Optional.empty();
    }

    /** The problem codes this adapter reports, in its own namespace; listed in the reference doc. */
    default List<ProblemCode> problemCodes() {
        return List.of();
    }

    /** Shorthand for {@code info().name()}: the value of {@code adapter:} in a system declaration. */
    default String name() {
        return info().name();
    }
}
