package io.github.spencerpark.ijava.runtime;

import java.util.ArrayList;
import java.util.List;

/** Test double of IJava 1.3's runtime Display: records what it is asked to render and under which mimes. */
public final class Display {
    public static final List<Object> displayed = new ArrayList<>();
    public static final List<String[]> mimes = new ArrayList<>();

    private Display() {}

    public static String display(Object o, String... as) {
        displayed.add(o);
        mimes.add(as);
        return "image-" + displayed.size();
    }

    public static void updateDisplay(String id, Object o, String... as) {
        displayed.add(o);
        mimes.add(as);
    }
}
