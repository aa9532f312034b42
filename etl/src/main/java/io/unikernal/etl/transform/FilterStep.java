package io.unikernal.etl.transform;

import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTransform.Output;
import java.util.List;

/** {@code filter: expression}: keeps the records for which it is true (the others are counted as filtered out). */
final class FilterStep implements Step {

    private final String at;
    private final String expression;
    private RecordView view;

    FilterStep(String at, String expression) {
        this.at = at;
        this.expression = expression;
    }

    @Override
    public List<Field> open(List<Field> in) throws PipelineException {
        Cel.check(expression, in, "filter at " + at, true);
        view = new RecordView(in);
        return in;
    }

    @Override
    public void apply(Object[] values, Output out) throws BadValue {
        if (Cel.test(expression, view.of(values), "filter at " + at)) {
            out.accept(values);
        }
    }
}
