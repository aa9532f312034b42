package io.unikernal.etl.testkinds;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;
import java.util.Map;

/**
 * A source kind of the tests only, {@code {adapter: sequence, count: N}}: records {@code (id, name)} numbered from 1,
 * with a second kind installed the section's per-kind key checks can be seen; the records feed transform tests.
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

    @Override
    public List<UdlKey> keys() {
        return List.of(COUNT.key());
    }

    @Override
    public boolean inline() {
        return true;
    }

    @Override
    public String compile(PipelineEnd source, SectionCompilation compilation) {
        String name = compilation.context().uniqueName("pipeline-" + source.pipeline() + "-source");
        compilation.context().addBean(name, SequenceSource.class, Map.of("count",
                String.valueOf(source.read(COUNT))));
        return name;
    }
}
