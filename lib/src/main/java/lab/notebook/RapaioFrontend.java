package lab.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Displays through rapaio-jupyter-kernel's static {@code org.rapaio.jupyter.kernel.global.Global}, found by
 * reflection so the library does not depend on the kernel. Rapaio turns a RenderedImage into PNG and shows any
 * other object's {@code toString()} under the given mime.
 */
final class RapaioFrontend implements Frontend {

    static final String GLOBAL = "org.rapaio.jupyter.kernel.global.Global";

    private final Method display;
    private final Method updateDisplay;

    private RapaioFrontend(Method display, Method updateDisplay) {
        this.display = display;
        this.updateDisplay = updateDisplay;
    }

    /**
     * Returns the frontend of the running rapaio kernel. Only call inside one: {@code Global}'s static
     * initialiser fails anywhere else.
     *
     * @throws ReflectiveOperationException when rapaio's API is not there
     */
    static RapaioFrontend find(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> global = Class.forName(GLOBAL, true, loader);
        return new RapaioFrontend(
                global.getMethod("display", String.class, Object.class),
                global.getMethod("updateDisplay", String.class, String.class, Object.class));
    }

    @Override
    public String show(Output output) {
        return (String) call(display, output.mime(), output.rich());
    }

    @Override
    public void update(String id, Output output) {
        call(updateDisplay, id, output.mime(), output.rich());
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("rapaio kernel " + method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("rapaio kernel " + method.getName() + " is not accessible", e);
        }
    }
}
