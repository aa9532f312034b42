package io.unikernal.etl.kinds;

import io.unikernal.spi.step.StepInput;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.Optional;

/**
 * A pipeline's {@code source:} or {@code target:} as written, handed to its kind: the system it names (or null when
 * it is declared inline by {@code adapter:}), the adapter, and the map itself for the kind's own keys.
 *
 * @param pipeline the pipeline's name
 * @param namespace where its checkpoints are kept: {@code <app>/<pipeline>}
 * @param system the system named by {@code system:}, null for an inline {@code {adapter: ...}}
 * @param adapter the system's adapter, or the inline one
 * @param input the map as written: {@code input.read(option)}, {@code input.get(key)}, with positions
 * @param pos where the kind's problems about the whole map point (its {@code system:} or {@code adapter:})
 */
public record PipelineEnd(String pipeline, String namespace, SystemDecl system, String adapter, StepInput input,
        SourcePos pos) {

    public <T> T read(Option<T> option) {
        return input.read(option);
    }

    public Optional<StepInput> get(String key) {
        return input.get(key);
    }

    /** Where a key is written, else where the map is. */
    public SourcePos posOf(String key) {
        return input.get(key).map(StepInput::pos).orElse(pos);
    }

    public boolean inline() {
        return system == null;
    }

    /** For messages: {@code system files (adapter file)} or {@code an inline file source}. */
    public String describe() {
        return system == null ? "an inline " + adapter + " " : "system " + system.name() + " (adapter " + adapter
                + ")";
    }
}
