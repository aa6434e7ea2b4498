package lab.notebook;

/** Where rich output goes: the Jupyter kernel this JVM runs in, or the console. */
interface Frontend {

    /** Shows {@code output} and returns an id under which {@link #update} can replace it. */
    String show(Output output);

    /** Replaces what {@link #show} returned {@code id} for with {@code output} (prints it anew on a console). */
    void update(String id, Output output);

    /** Returns true when {@link #update} rewrites the output in place rather than adding a line. */
    boolean updatesInPlace();
}
