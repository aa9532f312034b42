package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.FieldType;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code set: {field: expression}} adds or replaces fields, keeping the others; {@code map: {field: expression}}
 * makes records of exactly these fields. Every expression reads the record as it came into the step.
 */
final class SetStep implements Step {

    private final String at;
    private final boolean replaceAll;
    private final Map<String, String> expressions;
    private RecordView view;
    private int[] targets;
    private String[] sources;
    private int width;

    SetStep(String at, boolean replaceAll, Map<String, String> expressions) {
        this.at = at;
        this.replaceAll = replaceAll;
        this.expressions = new LinkedHashMap<>(expressions);
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        view = new RecordView(in);
        List<Field> out = replaceAll ? new ArrayList<>() : new ArrayList<>(in);
        targets = new int[expressions.size()];
        sources = new String[expressions.size()];
        int i = 0;
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            String step = (replaceAll ? "map " : "set ") + e.getKey() + " at " + at;
            FieldType type = Cel.check(e.getValue(), in, step, false);
            Field field = new Field(e.getKey(), type, true);
            int existing = Step.indexOf(out, e.getKey());
            if (existing >= 0) {
                out.set(existing, field);
            } else {
                existing = out.size();
                out.add(field);
            }
            targets[i] = existing;
            sources[i++] = e.getValue();
        }
        width = out.size();
        return List.copyOf(out);
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue {
        Object[] result = new Object[width];
        if (!replaceAll) {
            System.arraycopy(values, 0, result, 0, values.length);
        }
        Map<String, Object> record = view.of(values);
        for (int i = 0; i < sources.length; i++) {
            result[targets[i]] = Cel.evaluate(sources[i], record, (replaceAll ? "map at " : "set at ") + at);
        }
        out.accept(result);
    }
}
