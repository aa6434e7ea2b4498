package lab.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;

/**
 * One stored unit of results (a finished run, or a checkpoint): named scalar values, named float arrays with
 * shapes, and named tables. Immutable; arrays are copied in and out. On disk an entry is a directory holding
 * {@code values.csv} (columns {@code name,value}), {@code arrays.npz} (NumPy's format, float32, one {@code
 * <name>.npy} per array) and one {@code <table>.csv} per table; see {@link ResultStore}. Timings (how long
 * the run took on its machine) are kept apart from the values: equal runs have equal values, not equal timings.
 */
public final class Entry {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Map<String, String> values;
    private final Map<String, float[]> arrays;
    private final Map<String, long[]> shapes;
    private final Map<String, Table> tables;
    private final Map<String, Double> timings;

    private Entry(Builder b) {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(b.arrays));
        shapes = Collections.unmodifiableMap(new LinkedHashMap<>(b.shapes));
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(b.tables));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(b.timings));
    }

    /** Returns a builder for an entry. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the names of the scalar values, in insertion order. */
    public Set<String> valueNames() {
        return values.keySet();
    }

    /** Returns the names of the arrays, in insertion order. */
    public Set<String> arrayNames() {
        return arrays.keySet();
    }

    /** Returns the names of the tables, in insertion order. */
    public Set<String> tableNames() {
        return tables.keySet();
    }

    /** Returns the names of the timings, in insertion order. */
    public Set<String> timingNames() {
        return timings.keySet();
    }

    /** Returns a timing in seconds. */
    public double getTiming(String name) {
        Double t = timings.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no timing '" + name + "' in this entry; timings: " + timings.keySet());
        }
        return t;
    }

    /** Returns the value as it is written on disk. */
    public String getString(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value '" + name + "' in this entry; values: " + values.keySet());
        }
        return v;
    }

    /** Returns the value parsed as a long (exact for any long put in). */
    public long getLong(String name) {
        return Long.parseLong(getString(name));
    }

    /** Returns the value parsed as a double (exact for any double or float put in). */
    public double getDouble(String name) {
        return Double.parseDouble(getString(name));
    }

    /** Returns a copy of the array's values, row-major. */
    public float[] getArray(String name) {
        return array(name).clone();
    }

    /** Returns a copy of the array's shape. */
    public long[] getShape(String name) {
        array(name);
        return shapes.get(name).clone();
    }

    /** Returns a copy of the table. */
    public Table getTable(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no table '" + name + "' in this entry; tables: " + tables.keySet());
        }
        return t.copy();
    }

    private float[] array(String name) {
        float[] a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no array '" + name + "' in this entry; arrays: " + arrays.keySet());
        }
        return a;
    }

    Map<String, String> values() {
        return values;
    }

    Map<String, float[]> arrays() {
        return arrays;
    }

    Map<String, long[]> shapes() {
        return shapes;
    }

    Map<String, Table> tables() {
        return tables;
    }

    Map<String, Double> timings() {
        return timings;
    }

    static void checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name '" + name
                    + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
        }
    }

    /** Collects the parts of an entry; {@code put} methods return this builder. */
    public static final class Builder {

        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, float[]> arrays = new LinkedHashMap<>();
        private final Map<String, long[]> shapes = new LinkedHashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private final Map<String, Double> timings = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a wall-clock time in seconds (stored apart from the values, see the class comment); returns this. */
        public Builder putTiming(String name, double seconds) {
            checkName("timing", name);
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("timing '" + name + "' must be finite and >= 0, got " + seconds);
            }
            if (timings.putIfAbsent(name, seconds) != null) {
                throw new IllegalArgumentException("timing '" + name + "' is put twice");
            }
            return this;
        }

        /** Adds a whole number; returns this builder. */
        public Builder putValue(String name, long value) {
            return putText(name, Long.toString(value));
        }

        /** Adds a real number, stored so that it reads back bit for bit; returns this builder. */
        public Builder putValue(String name, double value) {
            return putText(name, Double.toString(value));
        }

        /** Adds a short text value (no line breaks); returns this builder. */
        public Builder putValue(String name, String value) {
            if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("value '" + name + "' must be one line of text, got " + value);
            }
            return putText(name, value);
        }

        private Builder putText(String name, String text) {
            checkName("value", name);
            if (values.putIfAbsent(name, text) != null) {
                throw new IllegalArgumentException("value '" + name + "' is put twice");
            }
            return this;
        }

        /**
         * Adds a float array of the given shape (row-major); an empty shape is a scalar. Returns this builder.
         */
        public Builder putArray(String name, float[] values, long... shape) {
            checkName("array", name);
            long size = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("array '" + name + "' has a negative dimension in "
                            + Arrays.toString(shape));
                }
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("array '" + name + "' has " + values.length
                        + " values but shape " + Arrays.toString(shape) + " holds " + size);
            }
            if (arrays.putIfAbsent(name, values.clone()) != null) {
                throw new IllegalArgumentException("array '" + name + "' is put twice");
            }
            shapes.put(name, shape.clone());
            return this;
        }

        /** Adds a table, written as {@code <name>.csv}; returns this builder. */
        public Builder putTable(String name, Table table) {
            checkName("table", name);
            if ("values".equals(name) || "timing".equals(name)) {
                throw new IllegalArgumentException("table name '" + name + "' is taken by the entry's " + name + ".csv");
            }
            if (tables.putIfAbsent(name, table.copy()) != null) {
                throw new IllegalArgumentException("table '" + name + "' is put twice");
            }
            return this;
        }

        /** Returns the entry. */
        public Entry build() {
            return new Entry(this);
        }
    }
}
