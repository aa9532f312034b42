package io.unikernal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kernel's main code reads spec → parse → check → compile with the runtime below them all: no package cycle, and
 * no package reaching up a layer (docs/architecture.md, "Package layers"). There is no allow-list: a cycle or an
 * upward arrow fails the build, naming the classes that close it.
 */
class PackageDependenciesTest {

    private static final String[] BASE = {"io.unikernal.udm..", "io.unikernal.routing..", "io.unikernal.expr..",
            "io.unikernal.udl.notation.."};
    private static final String[] RUNTIME = {"io.unikernal.runtime.."};
    private static final String[] LANGUAGE = {"io.unikernal.udl.model..", "io.unikernal.udl.error..",
            "io.unikernal.udl.spec.."};
    private static final String[] PLUGIN_SPI = {"io.unikernal.spi.."};
    private static final String[] REGISTRY = {"io.unikernal.plugins.."};
    private static final String[] FRONT_END = {"io.unikernal.udl.parse..", "io.unikernal.udl.check..",
            "io.unikernal.udl.doc.."};
    private static final String[] CORE_STEPS = {"io.unikernal.steps.."};
    private static final String[] COMPILER = {"io.unikernal.compile.."};
    private static final String[] TESTING = {"io.unikernal.udl.testing.."};

    private static final JavaClasses KERNEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.unikernal");

    @Test
    void noPackageCycle() {
        slices().matching("io.unikernal.(**)").should().beFreeOfCycles().check(KERNEL);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("base").definedBy(BASE)
                .layer("runtime").definedBy(RUNTIME)
                .layer("language").definedBy(LANGUAGE)
                .layer("plug-in SPI").definedBy(PLUGIN_SPI)
                .layer("plug-in registry").definedBy(REGISTRY)
                .layer("front end").definedBy(FRONT_END)
                .layer("core steps").definedBy(CORE_STEPS)
                .layer("compiler").definedBy(COMPILER)
                .layer("testing").definedBy(TESTING)
                .whereLayer("base").mayOnlyAccessLayers("base")
                .whereLayer("runtime").mayOnlyAccessLayers("base")
                .whereLayer("language").mayOnlyAccessLayers("base")
                .whereLayer("plug-in SPI").mayOnlyAccessLayers("base", "runtime", "language")
                .whereLayer("plug-in registry").mayOnlyAccessLayers("base", "language", "plug-in SPI")
                .whereLayer("front end").mayOnlyAccessLayers("base", "runtime", "language", "plug-in SPI",
                        "plug-in registry")
                // the core step kinds are plug-ins: found by ServiceLoader, never imported by the layers below
                .whereLayer("core steps").mayOnlyAccessLayers("base", "runtime", "language", "plug-in SPI",
                        "front end")
                .whereLayer("compiler").mayOnlyAccessLayers("base", "runtime", "language", "plug-in SPI",
                        "plug-in registry", "front end")
                .check(KERNEL);
    }

    @Test
    void everyPackageIsInALayer() {
        classes().should().resideInAnyPackage(concat(BASE, RUNTIME, LANGUAGE, PLUGIN_SPI, REGISTRY, FRONT_END,
                CORE_STEPS, COMPILER, TESTING)).as("every kernel package belongs to a layer of docs/architecture.md").check(KERNEL);
    }

    @Test
    void theLanguageKnowsNoCamel() {
        noClasses().that().resideInAnyPackage(concat(LANGUAGE, new String[] {"io.unikernal.udl.notation.."}))
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..").check(KERNEL);
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
