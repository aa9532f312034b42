package io.unikernal.etl.testkinds;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;
import java.util.Map;

/**
 * A source kind of the tests only, {@code {adapter: sequence, count: N, more: M}}: records {@code (id, name)}
 * numbered from 1 — up to N as a batch; as a stream up to N + M, the ones after N one every 2 ms, then nothing (never
 * an end). With a second kind installed the section's per-kind key checks can be seen; its records feed the runner's
 * stream and hybrid tests (the hand-over of a real source is its kind's: a cursor, an offset).
 */
public final class SequenceSourceKind implements PipelineSourceKind {

    static final Option<Long> COUNT = Option.longInteger("count").required().range(0, Long.MAX_VALUE)
            .description("How many records (tests only).").example("100");

    @Override
    public String adapter() {
        return "sequence";
    }

    @Override
    public String description() {
        return "numbered records (tests only)";
    }

    static final Option<Long> MORE = Option.longInteger("more").defaultValue(0L).range(0, Long.MAX_VALUE)
            .description("As a stream: how many records follow the count, one every few milliseconds (tests only).")
            .example("50");

    @Override
    public List<UdlKey> keys() {
        return List.of(COUNT.key(), MORE.key());
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public String compile(PipelineEnd source, SectionCompilation compilation) {
        String name = compilation.context().uniqueName("pipeline-" + source.pipeline() + "-source");
        compilation.context().addBean(name, SequenceSource.class, Map.of("count",
                String.valueOf(source.read(COUNT)), "more", String.valueOf(source.read(MORE))));
        return name;
    }
}
