package io.unikernal.etl.kafka;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kafka system's topic as a pipeline's source ({@link KafkaSource}, fields named by {@code fields}) and target
 * ({@link KafkaTarget}, records keyed by {@code recordKey}), the topic and brokers the system's own.
 */
public final class KafkaKinds {

    /** The kafka adapter's system options the kinds read (declared there). */
    private static final Option<String> BROKERS = Option.string("brokers");
    private static final Option<String> TOPIC = Option.string("topic");

    static final Option<String> FIELDS = Option.string("fields").required()
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*", "field names separated by commas")
            .description("A Kafka source: the fields read from each record's JSON object, in order.")
            .example("id, name, amount");
    static final Option<String> RECORD_KEY = Option.string("recordKey").pattern("[A-Za-z_][A-Za-z0-9_]*",
            "a field name").description("A Kafka target: the field whose value keys each record (absent: no key).")
            .example("id");

    private KafkaKinds() {
    }

    private static Map<String, String> topic(PipelineEnd end, CompileContext ctx) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap", ctx.text(end.system(), BROKERS));
        properties.put("topic", ctx.text(end.system(), TOPIC));
        return properties;
    }

    /** The source kind. */
    public static final class Source implements PipelineSourceKind {
        @Override
        public String adapter() {
            return "kafka";
        }

        @Override
        public String description() {
            return "the system's topic, every partition, committed records only, each value a JSON object;"
                    + " checkpointed by the next offset of every partition";
        }

        @Override
        public List<UdlKey> keys() {
            return List.of(FIELDS.key());
        }

        @Override
        public boolean streams() {
            return true;
        }

        @Override
        public String compile(PipelineEnd source, SectionCompilation compilation) {
            CompileContext ctx = compilation.context();
            Map<String, String> properties = topic(source, ctx);
            properties.put("fields", source.read(FIELDS));
            String name = ctx.uniqueName("pipeline-" + source.pipeline() + "-source");
            ctx.addBean(name, KafkaSourceFactory.class, properties);
            return name;
        }
    }

    /** The target kind. */
    public static final class Target implements PipelineTargetKind {
        @Override
        public String adapter() {
            return "kafka";
        }

        @Override
        public String description() {
            return "the system's topic, each record a JSON object; a batch and its checkpoint record sent in one"
                    + " Kafka transaction";
        }

        @Override
        public List<UdlKey> keys() {
            return List.of(RECORD_KEY.key());
        }

        @Override
        public String compile(PipelineEnd target, SectionCompilation compilation) {
            CompileContext ctx = compilation.context();
            Map<String, String> properties = topic(target, ctx);
            properties.put("namespace", target.namespace());
            String key = target.read(RECORD_KEY);
            if (key != null) {
                properties.put("recordKey", key);
            }
            String name = ctx.uniqueName("pipeline-" + target.pipeline() + "-target");
            ctx.addBean(name, KafkaTargetFactory.class, properties);
            return name;
        }
    }
}
