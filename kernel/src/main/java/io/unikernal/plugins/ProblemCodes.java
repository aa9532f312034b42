package io.unikernal.plugins;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem code the installed plug-ins can report: the kernel's {@link UdlErrorCode}s, then each plug-in's own,
 * in its own namespace. Built when the plug-ins load and refused then when two codes share a tag or one plug-in uses
 * another's namespace, so a tag in a message always names one code.
 */
public final class ProblemCodes {

    private final Map<String, ProblemCode> byTag;

    private ProblemCodes(Map<String, ProblemCode> byTag) {
        this.byTag = byTag;
    }

    /** The codes of these adapters and of the language's step and section kinds; refused when two clash. */
    public static ProblemCodes of(Adapters adapters, Language language) {
        return of(adapters.all().values(), language);
    }

    static ProblemCodes of(Collection<Adapter> adapters) {
        return of(adapters, null);
    }

    private static ProblemCodes of(Collection<Adapter> adapters, Language language) {
        Map<String, ProblemCode> byTag = new LinkedHashMap<>();
        for (UdlErrorCode code : UdlErrorCode.values()) {
            byTag.put(code.tag(), code);
        }
        Map<String, String> namespaceOwner = new LinkedHashMap<>();
        namespaceOwner.put(UdlErrorCode.NAMESPACE, "the kernel");
        for (Adapter adapter : adapters) {
            register(byTag, namespaceOwner, "adapter " + adapter.name(), adapter.problemCodes());
        }
        if (language != null) {
            language.stepKinds().all().forEach(kind -> register(byTag, namespaceOwner, "step kind " + kind.name(),
                    kind.problemCodes()));
            language.sectionKinds().all().forEach(kind -> register(byTag, namespaceOwner, "section kind "
                    + kind.name(), kind.problemCodes()));
        }
        return new ProblemCodes(byTag);
    }

    private static void register(Map<String, ProblemCode> byTag, Map<String, String> namespaceOwner, String owner,
            List<ProblemCode> codes) {
        for (ProblemCode code : codes) {
            String previousOwner = namespaceOwner.putIfAbsent(code.namespace(), owner);
            if (previousOwner != null && !previousOwner.equals(owner)) {
                throw new IllegalStateException(owner + " declares problem code " + code.tag() + " in namespace "
                        + code.namespace() + ", which belongs to " + previousOwner);
            }
            ProblemCode previous = byTag.putIfAbsent(code.tag(), code);
            if (previous != null) {
                throw new IllegalStateException(owner + " declares problem code " + code.tag() + " twice");
            }
        }
    }

    /** All codes, the kernel's first, in declaration order. */
    public List<ProblemCode> all() {
        return new ArrayList<>(byTag.values());
    }

    public ProblemCode byTag(String tag) {
        return byTag.get(tag);
    }
}
