package io.unikernal.etl.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The bean a pipeline's {@code transform:} compiles to: its steps as JSON text (what the UDL said, with each step's
 * place in the file), built anew for every run and chained — each step's results are the next one's input.
 */
public final class TransformChain implements RecordTransform, CamelContextAware {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String steps;
    private CamelContext camelContext;
    private List<Step> chain = List.of();
    private Output[] outputs;
    private Output builtFor;

    @Override
    public List<Field> open(List<Field> fields) throws PipelineException {
        chain = build();
        builtFor = null;
        List<Field> current = fields;
        for (Step step : chain) {
            current = step.open(current);
        }
        return current;
    }

    private List<Step> build() throws PipelineException {
        try {
            List<Step> built = new ArrayList<>();
            for (JsonNode config : JSON.readTree(steps)) {
                built.add(TransformSteps.build(config, camelContext));
            }
            return List.copyOf(built);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the compiler writes the steps as JSON: " + steps, e);
        }
    }

    /** Where each step's results go: step i's into step i+1, the last one's into {@code out}. */
    private Output[] outputs(Output out) {
        if (builtFor != out) {
            Output[] built = new Output[chain.size()];
            built[chain.size() - 1] = out;
            for (int i = chain.size() - 2; i >= 0; i--) {
                Step next = chain.get(i + 1);
                Output downstream = built[i + 1];
                built[i] = new Output() {
                    @Override
                    public void accept(Object[] values) {
                        try {
                            next.apply(values, downstream);
                        } catch (BadValue e) {
                            throw new Rejected(e, values);
                        } catch (PipelineException e) {
                            throw new Stopped(e);
                        }
                    }

                    @Override
                    public long mark() {
                        return out.mark();
                    }
                };
            }
            outputs = built;
            builtFor = out;
        }
        return outputs;
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue, PipelineException {
        if (chain.isEmpty()) {
            out.accept(values);
            return;
        }
        try {
            chain.get(0).apply(values, outputs(out)[0]);
        } catch (Rejected e) {
            throw e.reason;
        } catch (Stopped e) {
            throw e.reason;
        }
    }

    @Override
    public void flush(Output out) throws PipelineException {
        for (int i = 0; i < chain.size(); i++) {
            run(i, out, true);
        }
    }

    @Override
    public void tick(Output out) throws PipelineException {
        for (int i = 0; i < chain.size(); i++) {
            run(i, out, false);
        }
    }

    /** Lets step i hand on what it holds, into the steps after it; a result they reject goes to the rejects. */
    private void run(int i, Output out, boolean end) throws PipelineException {
        Output next = outputs(out)[i];
        Output guarded = new Output() {
            @Override
            public void accept(Object[] values) {
                try {
                    next.accept(values);
                } catch (Rejected e) {
                    out.reject(e.reason.getMessage(), e.values);
                }
            }

            @Override
            public long mark() {
                return out.mark();
            }
        };
        try {
            if (end) {
                chain.get(i).flush(guarded);
            } else {
                chain.get(i).tick(guarded);
            }
        } catch (Stopped e) {
            throw e.reason;
        }
    }

    @Override
    public boolean idle() {
        for (Step step : chain) {
            if (!step.idle()) {
                return false;
            }
        }
        return true;
    }

    /** Some step replays and every other one holds nothing now. */
    @Override
    public boolean replays() {
        boolean any = false;
        for (Step step : chain) {
            if (step.replays()) {
                any = true;
            } else if (!step.idle()) {
                return false;
            }
        }
        return any;
    }

    @Override
    public long oldestHeld() {
        long oldest = -1;
        for (Step step : chain) {
            long held = step.oldestHeld();
            if (held >= 0 && (oldest < 0 || held < oldest)) {
                oldest = held;
            }
        }
        return oldest;
    }

    /** The steps' saved texts as a JSON array, one element per step (null for those that save nothing). */
    @Override
    public String saved() {
        ArrayNode all = JSON.createArrayNode();
        chain.forEach(step -> all.add(step.saved()));
        return all.toString();
    }

    @Override
    public void restore(String saved) throws PipelineException {
        if (saved == null) {
            return;
        }
        try {
            JsonNode all = JSON.readTree(saved);
            if (!all.isArray() || all.size() != chain.size()) {
                throw new PipelineException("the checkpoint's saved transform state (" + saved + ") is not of these"
                        + " " + chain.size() + " steps: the transform changed since; remove the pipeline's checkpoint"
                        + " to read its source anew");
            }
            for (int i = 0; i < chain.size(); i++) {
                chain.get(i).restore(all.get(i).isNull() ? null : all.get(i).asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PipelineException("the checkpoint's saved transform state is no JSON: " + saved);
        }
    }

    public void setSteps(String steps) {
        this.steps = steps;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** A later step rejected a result: the record it came from is rejected. */
    private static final class Rejected extends RuntimeException {
        private final BadValue reason;
        private final Object[] values;

        Rejected(BadValue reason, Object[] values) {
            super(null, null, false, false);
            this.reason = reason;
            this.values = values;
        }
    }

    /** A later step cannot go on (its state is full). */
    private static final class Stopped extends RuntimeException {
        private final PipelineException reason;

        Stopped(PipelineException reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }
}
