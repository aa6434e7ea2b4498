package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.ArrayList;
import java.util.List;

/** Test double of IJava 1.3's JavaKernel: {@code display(DisplayData)} and {@code getIO().display}. */
public final class FakeKernel {
    public final List<DisplayData> shown = new ArrayList<>();
    public final IO io = new IO();

    public void display(DisplayData data) {
        shown.add(data);
    }

    public IO getIO() {
        return io;
    }

    /** Like basekernel's JupyterIO: a public {@code display} field. */
    public static final class IO {
        public final DisplayStream display = new DisplayStream();
    }

    /** Records updates as basekernel's display stream would send them. */
    public static final class DisplayStream {
        public final List<String> updatedIds = new ArrayList<>();
        public final List<DisplayData> updates = new ArrayList<>();

        public void updateDisplay(String id, DisplayData data) {
            updatedIds.add(id);
            updates.add(data);
        }
    }
}
