package io.unikernal.runtime.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A probe whose answer the test sets, per system: a model bean like a real one (the YAML run builds it by name). */
public class SwitchedProbe extends AbstractSystemProbe {

    static final Map<String, ProbeResult> ANSWERS = new ConcurrentHashMap<>();

    @Override
    public ProbeResult check() {
        return ANSWERS.getOrDefault(system(), ProbeResult.up());
    }
}
