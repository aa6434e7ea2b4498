package lab.notebook;

import java.io.PrintStream;

/** Prints the plain form of every output: used outside a kernel (command line, tests). */
final class PlainFrontend implements Frontend {

    private final PrintStream out;

    PlainFrontend(PrintStream out) {
        this.out = out;
    }

    @Override
    public String show(Output output) {
        out.println(output.plain());
        return "";
    }

    @Override
    public void update(String id, Output output) {
        out.println(output.plain());
    }

    @Override
    public boolean updatesInPlace() {
        return false;
    }
}
