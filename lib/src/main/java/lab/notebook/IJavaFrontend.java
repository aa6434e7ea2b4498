package lab.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Displays through IJava 1.3's {@code io.github.spencerpark.ijava.runtime.Display}, found by reflection:
 * {@code display(Object, String...)} returns a display id, {@code updateDisplay(String, Object, String...)}
 * replaces it. IJava renders a RenderedImage as PNG.
 */
final class IJavaFrontend implements Frontend {

    static final String KERNEL = "io.github.spencerpark.ijava.IJava";
    static final String DISPLAY = "io.github.spencerpark.ijava.runtime.Display";

    private final Method display;
    private final Method updateDisplay;

    private IJavaFrontend(Method display, Method updateDisplay) {
        this.display = display;
        this.updateDisplay = updateDisplay;
    }

    /**
     * Returns the frontend of the running IJava kernel, or null when IJava is absent or not running
     * ({@code IJava.getKernelInstance()} is null).
     */
    static IJavaFrontend findRunning(ClassLoader loader) {
        try {
            Class<?> kernel = Class.forName(KERNEL, true, loader);
            if (kernel.getMethod("getKernelInstance").invoke(null) == null) {
                return null;
            }
            Class<?> display = Class.forName(DISPLAY, true, loader);
            return new IJavaFrontend(
                    display.getMethod("display", Object.class, String[].class),
                    display.getMethod("updateDisplay", String.class, Object.class, String[].class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String show(Output output) {
        return (String) call(display, output.rich(), new String[] {output.mime()});
    }

    @Override
    public void update(String id, Output output) {
        call(updateDisplay, id, output.rich(), new String[] {output.mime()});
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("IJava " + method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("IJava " + method.getName() + " is not accessible", e);
        }
    }
}
