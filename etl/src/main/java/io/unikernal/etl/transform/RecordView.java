package io.unikernal.etl.transform;

import io.unikernal.etl.spi.Field;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A record as the map of its fields that CEL reads, without copying its values (names found by index). */
final class RecordView extends AbstractMap<String, Object> {

    private final Map<String, Integer> index;
    private final List<Field> fields;
    private Object[] values;

    RecordView(List<Field> fields) {
        this.fields = fields;
        this.index = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i).name(), i);
        }
    }

    RecordView of(Object[] record) {
        this.values = record;
        return this;
    }

    @Override
    public boolean containsKey(Object key) {
        return index.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        Integer i = index.get(key);
        return i == null ? null : values[i];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < fields.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        int at = i++;
                        return new SimpleImmutableEntry<>(fields.get(at).name(), values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return fields.size();
            }
        };
    }
}
