package io.unikernal.plugins;

import io.unikernal.spi.section.SectionKind;
import io.unikernal.spi.step.StepKind;
import io.unikernal.udl.spec.Shape;
import io.unikernal.udl.spec.Shape.ListOf;
import io.unikernal.udl.spec.Shape.NamedMap;
import io.unikernal.udl.spec.Shape.Ref;
import io.unikernal.udl.spec.Shape.Struct;
import io.unikernal.udl.spec.UdlKey;
import io.unikernal.udl.spec.UdlSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole UDL language of one installation: {@link UdlSpec}'s fixed sections and keys, the steps of the installed
 * {@link StepKind}s and the top-level sections of the installed {@link SectionKind}s. The parser checks files
 * against it; the JSON Schema and the reference doc are generated from it, so a plug-in's keys reach both.
 */
public final class Language {

    private final StepKinds steps;
    private final SectionKinds sections;
    private final Struct step;
    private final Struct document;

    private Language(StepKinds steps, SectionKinds sections) {
        this.steps = steps;
        this.sections = sections;
        this.step = new Struct("step", "step", UdlSpec.STEP_DESCRIPTION,
                steps.all().stream().map(StepKind::key).toList(), true);
        List<UdlKey> keys = new ArrayList<>();
        for (UdlKey key : UdlSpec.DOCUMENT.keys()) {
            // an installed section takes the place of the kernel's "not supported yet" key of the same name
            SectionKind<?> section = sections.get(key.name());
            keys.add(section != null ? section.key() : key);
        }
        for (SectionKind<?> section : sections.all()) {
            if (UdlSpec.DOCUMENT.key(section.name()).isEmpty()) {
                keys.add(section.key());
            }
        }
        this.document = new Struct(UdlSpec.DOCUMENT.id(), UdlSpec.DOCUMENT.title(), UdlSpec.DOCUMENT.description(),
                keys, false);
    }

    private static volatile Language installed;

    /** The language of the kinds installed on the kernel's class path. */
    public static Language installed() {
        Language language = installed;
        if (language == null) {
            language = new Language(StepKinds.installed(), SectionKinds.installed());
            installed = language;
        }
        return language;
    }

    public static Language of(StepKinds steps, SectionKinds sections) {
        return new Language(steps, sections);
    }

    public StepKinds stepKinds() {
        return steps;
    }

    public SectionKinds sectionKinds() {
        return sections;
    }

    /** The top-level map of a file. */
    public Struct document() {
        return document;
    }

    /** One step item: a map with exactly one key, the step's kind. */
    public Struct step() {
        return step;
    }

    /** Named shapes referred to by {@link Ref}. */
    public Map<String, Shape> definitions() {
        Map<String, Shape> defs = new LinkedHashMap<>();
        defs.put(UdlSpec.STEPS_REF.id(), new ListOf(step));
        return defs;
    }

    /** Resolves a {@link Ref}; any other shape is itself. */
    public Shape resolve(Shape shape) {
        if (shape instanceof Ref ref) {
            Shape target = definitions().get(ref.id());
            if (target == null) {
                throw new IllegalStateException("no UDL definition named '" + ref.id() + "'");
            }
            return target;
        }
        return shape;
    }

    /**
     * Every struct of the language in reference-doc order: the document, then the kernel's structs in
     * {@link UdlSpec#structs()} order with the step struct in its place, then the structs plug-ins bring (found by
     * walking their keys' shapes), each once.
     */
    public List<Struct> structs() {
        // by identity: two structs may share an id (the route and the route step)
        java.util.Set<Struct> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Struct> ordered = new ArrayList<>();
        add(document, all, ordered);
        for (Struct s : UdlSpec.structs()) {
            if (s != UdlSpec.DOCUMENT) {
                add(s, all, ordered);
            }
            if (s == UdlSpec.ROUTE) {
                add(step, all, ordered);
            }
        }
        steps.all().forEach(kind -> collect(kind.key().shape(), all, ordered));
        sections.all().forEach(kind -> collect(kind.key().shape(), all, ordered));
        return List.copyOf(ordered);
    }

    private static boolean add(Struct s, java.util.Set<Struct> seen, List<Struct> ordered) {
        if (seen.add(s)) {
            ordered.add(s);
            return true;
        }
        return false;
    }

    private static void collect(Shape shape, java.util.Set<Struct> seen, List<Struct> ordered) {
        if (shape instanceof Struct s) {
            if (add(s, seen, ordered)) {
                s.keys().forEach(k -> collect(k.shape(), seen, ordered));
            }
        } else if (shape instanceof ListOf l) {
            collect(l.item(), seen, ordered);
        } else if (shape instanceof NamedMap m) {
            collect(m.value(), seen, ordered);
        }
    }
}
