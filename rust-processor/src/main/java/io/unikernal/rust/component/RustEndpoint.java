package io.unikernal.rust.component;

import io.unikernal.routing.RuleTable;
import io.unikernal.routing.RuleTableText;
import io.unikernal.routing.exec.ValidationSchema;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Routing decisions and batch work in the Rust core (or its Java twin). */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rust", title = "Rust core", syntax = "rust:kind", producerOnly = true,
             category = {Category.CORE}, headersClass = RustConstants.class)
public class RustEndpoint extends DefaultEndpoint {
    private static final Set<String> ENGINES = Set.of("rust", "java", "auto");
    private static final Set<String> TASKS = Set.of("partition", "project", "validate");

    @UriPath(enums = "route,parallel")
    @Metadata(required = true)
    private String kind;
    @UriParam(enums = "rust,java,auto", defaultValue = "auto")
    private String engine = "auto";
    @UriParam(label = "route")
    private String rules;
    @UriParam(label = "route")
    private RuleTable ruleTable;
    @UriParam(label = "parallel", enums = "partition,project,validate")
    private String task;
    @UriParam(label = "parallel")
    private String key;
    @UriParam(label = "parallel", defaultValue = "1")
    private int partitions = 1;
    @UriParam(label = "parallel")
    private String fields;
    @UriParam(label = "parallel")
    private ValidationSchema schema;
    @UriParam(label = "parallel")
    private int threads = Runtime.getRuntime().availableProcessors();

    public RustEndpoint(String uri, RustComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return switch (kind) {
            case "route" -> new RustRouteProducer(this, effectiveRuleTable());
            case "parallel" -> new RustParallelProducer(this);
            default -> throw new IllegalArgumentException("unknown rust: kind '" + kind + "'; expected route or parallel");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("rust: is a producer only; use it in to(...)");
    }

    RuleTable effectiveRuleTable() {
        if (ruleTable != null) {
            return ruleTable;
        }
        if (rules == null) {
            throw new IllegalArgumentException("rust:route needs rules=… (text form) or ruleTable=#bean");
        }
        return RuleTableText.parse(rules);
    }

    public String getKind() {
        return kind;
    }

    /** What the endpoint does: {@code route} (decide a target) or {@code parallel} (batch work on the executor). */
    public void setKind(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (!k.equals("route") && !k.equals("parallel")) {
            throw new IllegalArgumentException("unknown rust: kind '" + kind + "'; expected route or parallel");
        }
        this.kind = k;
    }

    public String getEngine() {
        return engine;
    }

    /**
     * Which implementation runs: {@code rust} (the native library, an error if it cannot load),
     * {@code java} (the pure-Java twin) or {@code auto} (the faster one for the workload, as measured).
     */
    public void setEngine(String engine) {
        String e = engine == null ? "" : engine.toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(e)) {
            throw new IllegalArgumentException("engine '" + engine + "' must be rust, java or auto");
        }
        this.engine = e;
    }

    public String getRules() {
        return rules;
    }

    /**
     * The rule table in text form, e.g. {@code RAW(when header.type == order then orders; otherwise rest)};
     * see {@link RuleTableText} for the grammar.
     */
    public void setRules(String rules) {
        this.rules = rules;
    }

    public RuleTable getRuleTable() {
        return ruleTable;
    }

    /** A rule table built in Java ({@code RuleTable.builder()}), referenced as {@code #beanName}; wins over {@code rules}. */
    public void setRuleTable(RuleTable ruleTable) {
        this.ruleTable = ruleTable;
    }

    public String getTask() {
        return task;
    }

    /** The batch task: {@code partition} (Kafka murmur2 of {@code key}), {@code project} ({@code fields}) or {@code validate} ({@code schema}). */
    public void setTask(String task) {
        if (!TASKS.contains(task)) {
            throw new IllegalArgumentException("task '" + task + "' must be partition, project or validate");
        }
        this.task = task;
    }

    public String getKey() {
        return key;
    }

    /** The partition key field: {@code header.NAME} or {@code body.a.b}. */
    public void setKey(String key) {
        this.key = key;
    }

    public int getPartitions() {
        return partitions;
    }

    /** The number of partitions for {@code task=partition}. */
    public void setPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions " + partitions + " must be at least 1");
        }
        this.partitions = partitions;
    }

    public String getFields() {
        return fields;
    }

    /** Comma-separated body paths kept by {@code task=project}, e.g. {@code id,customer.name}. */
    public void setFields(String fields) {
        this.fields = fields;
    }

    public ValidationSchema getSchema() {
        return schema;
    }

    /** The schema for {@code task=validate}, referenced as {@code #beanName}. */
    public void setSchema(ValidationSchema schema) {
        this.schema = schema;
    }

    public int getThreads() {
        return threads;
    }

    /** The size of the executor's fixed thread pool (the caller's thread counts as one). */
    public void setThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads " + threads + " must be 1..256");
        }
        this.threads = threads;
    }
}
