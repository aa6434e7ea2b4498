package lab.notebook;

import java.io.PrintStream;

/** Finds the Jupyter kernel this JVM runs in: rapaio, JJava, IJava, or none. */
final class Kernels {

    /** Main classes of a rapaio kernel: rapaio's own and the launcher bin/lab installs (bin/kernel-fix). */
    static final String[] RAPAIO_MAIN_CLASSES = {"org.rapaio.jupyter.kernel.MainApp", "lab.kernelfix.KernelMain"};

    private Kernels() {}

    /**
     * Returns the frontend for the kernel this JVM runs in, else a console frontend printing to {@code out}.
     *
     * @param javaCommand the JVM's {@code sun.java.command} (main class and arguments), may be null
     */
    static Frontend detect(String javaCommand, ClassLoader loader, PrintStream out) {
        // Rapaio is checked by the main class first: touching its Global outside a kernel runs a static
        // initialiser that fails.
        if (isRapaio(javaCommand)) {
            try {
                return RapaioFrontend.find(loader);
            } catch (ReflectiveOperationException | LinkageError e) {
                return new PlainFrontend(out);
            }
        }
        for (IJavaLineFrontend.Api api : new IJavaLineFrontend.Api[] {IJavaLineFrontend.JJAVA, IJavaLineFrontend.IJAVA}) {
            Frontend frontend = IJavaLineFrontend.findRunning(api, loader);
            if (frontend != null) {
                return frontend;
            }
        }
        return new PlainFrontend(out);
    }

    /** Returns true when {@code javaCommand} starts one of {@link #RAPAIO_MAIN_CLASSES}. */
    static boolean isRapaio(String javaCommand) {
        if (javaCommand == null) {
            return false;
        }
        String main = javaCommand.strip().split("\\s+", 2)[0];
        for (String rapaio : RAPAIO_MAIN_CLASSES) {
            if (main.equals(rapaio)) {
                return true;
            }
        }
        return false;
    }
}
