package lab.kernelfix;

import org.rapaio.jupyter.kernel.MainApp;

/**
 * The multitask-lab kernel's main class: runs rapaio-jupyter-kernel 3.0.1's {@code MainApp} and ends the JVM
 * when it returns.
 *
 * <p>Why: {@code MainApp.main} returns once a {@code shutdown_request} has closed the channels, but rapaio leaves
 * JShell's non-daemon worker thread parked for 60 s, so the JVM outlives the request and Jupyter kills it after
 * its 5 s grace period on every notebook run and kernel restart.
 */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        MainApp.main(args);
        System.exit(0);
    }
}
