package io.unikernal.spi.adapter;

import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks of an adapter driven by a contract file its system names (a {@code .proto}, a {@code .thrift} IDL): the
 * file must be usable, and a use's method must be one the file declares. Only a literal path in a UDL file of this
 * machine is checked ({@link UdlPaths#checkable}); the loader's failure ({@code failure}) is the file's problem in its
 * own words.
 *
 * @param option  the system option that names the file
 * @param loader  reads the file (cached by the loader as it sees fit)
 * @param failure the exception the loader throws for a file it cannot use
 * @param methods the names of the methods a loaded contract declares, as a use's {@code method:} writes them
 */
public record ContractFile<C>(Option<String> option, Function<Path, C> loader,
        Class<? extends RuntimeException> failure, Function<C, Set<String>> methods) {

    /** The contract of the system's file (a literal path), for the checks. */
    public C load(SystemDecl system) {
        OptionValue file = system.option(option.name());
        return loader.apply(UdlPaths.folderOf(file.pos()).resolve(file.asString()));
    }

    /** Reports a file that cannot be used as {@code code}, at the option, naming the folder paths are relative to. */
    public void check(SystemDecl system, Problems problems, ProblemCode code) {
        OptionValue file = system.option(option.name());
        if (!UdlPaths.checkable(file)) {
            return;
        }
        try {
            load(system);
        } catch (RuntimeException e) {
            if (!failure.isInstance(e)) {
                throw e;
            }
            problems.error(code, file.pos(), e.getMessage(), "the path is relative to the UDL file, here "
                    + UdlPaths.folderOf(file.pos()));
        }
    }

    /** Reports a {@code method} the system's file does not declare as {@code code}, at the method, listing those it does. */
    public void checkMethod(SystemDecl system, EndpointRef use, Option<String> method, Problems problems,
            ProblemCode code) {
        OptionValue named = use.option(method.name());
        OptionValue file = system.option(option.name());
        if (named == null || UdlPaths.literal(named) == null || !UdlPaths.checkable(file)) {
            return;
        }
        Set<String> declared;
        try {
            declared = methods.apply(load(system));
        } catch (RuntimeException e) {
            if (failure.isInstance(e)) {
                return; // reported by check()
            }
            throw e;
        }
        if (!declared.contains(named.asString())) {
            problems.error(code, named.pos(), file.asString() + " has no method " + named.asString(),
                    declared.isEmpty() ? "the file declares no service" : "its methods: "
                            + String.join(", ", declared));
        }
    }
}
