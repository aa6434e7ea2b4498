package lab.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.UUID;

/**
 * Displays through IJava 1.3, found by reflection. Images go through
 * {@code io.github.spencerpark.ijava.runtime.Display.display(Object, String...)}, whose renderer turns a
 * RenderedImage into PNG. Strings do not: IJava's renderer only knows {@code text/plain} for a String and would
 * show HTML as source, so for them a {@code DisplayData} is filled under the wanted mime and handed to the
 * kernel directly ({@code kernel.display(data)}, {@code kernel.getIO().display.updateDisplay(id, data)}),
 * which is what {@code Display.display} does after rendering.
 */
final class IJavaFrontend implements Frontend {

    static final String KERNEL = "io.github.spencerpark.ijava.IJava";
    static final String DISPLAY = "io.github.spencerpark.ijava.runtime.Display";
    static final String DISPLAY_DATA = "io.github.spencerpark.jupyter.kernel.display.DisplayData";

    private final Object kernel;
    private final Method displayImage;
    private final Method updateImage;
    private final Class<?> displayData;

    private IJavaFrontend(Object kernel, Method displayImage, Method updateImage, Class<?> displayData) {
        this.kernel = kernel;
        this.displayImage = displayImage;
        this.updateImage = updateImage;
        this.displayData = displayData;
    }

    /**
     * Returns the frontend of the running IJava kernel, or null when IJava is absent or not running
     * ({@code IJava.getKernelInstance()} is null).
     */
    static IJavaFrontend findRunning(ClassLoader loader) {
        try {
            Object kernel = Class.forName(KERNEL, true, loader).getMethod("getKernelInstance").invoke(null);
            if (kernel == null) {
                return null;
            }
            Class<?> display = Class.forName(DISPLAY, true, loader);
            return new IJavaFrontend(kernel,
                    display.getMethod("display", Object.class, String[].class),
                    display.getMethod("updateDisplay", String.class, Object.class, String[].class),
                    Class.forName(DISPLAY_DATA, true, loader));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String show(Output output) {
        if (!(output.rich() instanceof String)) {
            return (String) call(displayImage, null, output.rich(), new String[] {output.mime()});
        }
        String id = UUID.randomUUID().toString();
        Object data = data(output);
        call(method(displayData, "putTransientData", String.class, Object.class), data, "display_id", id);
        call(method(kernel.getClass(), "display", displayData), kernel, data);
        return id;
    }

    @Override
    public void update(String id, Output output) {
        if (!(output.rich() instanceof String)) {
            call(updateImage, null, id, output.rich(), new String[] {output.mime()});
            return;
        }
        try {
            Object io = method(kernel.getClass(), "getIO").invoke(kernel);
            Field displayField = io.getClass().getField("display");
            Object stream = displayField.get(io);
            call(method(stream.getClass(), "updateDisplay", String.class, displayData), stream, id, data(output));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IJava updateDisplay is not reachable: " + e, e);
        }
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    /** Returns a DisplayData holding the plain text and, under its own mime, the rich string. */
    private Object data(Output output) {
        try {
            Object data = displayData.getConstructor(String.class).newInstance(output.plain());
            call(method(displayData, "putData", String.class, Object.class), data, output.mime(), output.rich());
            return data;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IJava DisplayData cannot be made: " + e, e);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("IJava has no " + type.getSimpleName() + "." + name, e);
        }
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("IJava " + method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("IJava " + method.getName() + " is not accessible", e);
        }
    }
}
