package lab.kernelfix;

import java.lang.reflect.InvocationTargetException;

/**
 * The multitask-lab JJava kernel's main class: runs JJava's own main ({@code org.dflib.jjava.distro.JJava}, found
 * by name so this jar compiles without JJava) and ends the JVM when it returns.
 *
 * <p>Why: JJava's main returns once a {@code shutdown_request} has closed the connection, but threads it leaves
 * behind keep the JVM alive, so Jupyter kills it after its grace period on every notebook run and restart.
 */
public final class JJavaMain {

    static final String JJAVA_MAIN = "org.dflib.jjava.distro.JJava";

    private JJavaMain() {}

    public static void main(String[] args) throws Throwable {
        try {
            Class.forName(JJAVA_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        System.exit(0);
    }
}
