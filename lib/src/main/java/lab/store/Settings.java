package lab.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a settings record into the flat {@code name -> text} map a {@link ResultStore} stores and compares.
 * Nested records are flattened with dotted names ({@code task.samples}); arrays print as {@code [4, 16, 2]}.
 */
public final class Settings {

    private Settings() {}

    /** Returns the record's components as text, in declaration order, nested records flattened. */
    public static Map<String, String> of(Record settings) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", settings, out);
        return out;
    }

    private static void flatten(String prefix, Record r, Map<String, String> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("cannot read setting " + prefix + c.getName() + " of " + r, e);
            }
            String name = prefix + c.getName();
            if (v instanceof Record nested) {
                flatten(name + ".", nested, out);
            } else {
                out.put(name, text(v));
            }
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof float[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Object[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof List<?> l) {
            return l.toString();
        }
        return String.valueOf(v);
    }

    /**
     * Returns one line per setting that differs, e.g. {@code epochs: stored 4000, asked 1000}; a setting present
     * on one side only shows as {@code (absent)} on the other. Empty when the two agree.
     */
    public static List<String> differences(Map<String, String> stored, Map<String, String> asked) {
        Map<String, String> all = new LinkedHashMap<>(stored);
        asked.forEach(all::putIfAbsent);
        return all.keySet().stream()
                .filter(k -> !String.valueOf(stored.get(k)).equals(String.valueOf(asked.get(k))))
                .map(k -> k + ": stored " + show(stored.get(k)) + ", asked " + show(asked.get(k)))
                .toList();
    }

    private static String show(String v) {
        return v == null ? "(absent)" : v;
    }
}
