package lab.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.UUID;

/**
 * Displays through a kernel of the IJava line, found by reflection: IJava 1.3 or its maintained successor JJava,
 * which kept IJava's shape under other names ({@link Api}). Images go through the kernel's static
 * {@code display(Object, String...)}, whose renderer turns a RenderedImage into PNG. Strings do not: the renderer
 * only knows {@code text/plain} for a String and would show HTML as source, so for them a {@code DisplayData} is
 * filled under the wanted mime and handed to the kernel directly ({@code kernel.display(data)},
 * {@code kernel.getIO().display.updateDisplay(id, data)}), which is what {@code display} does after rendering.
 * The display id goes in as transient data rather than through {@code DisplayData.setDisplayId}, whose return
 * type changed between JJava 1.0-a6 and 1.0-a7.
 */
final class IJavaLineFrontend implements Frontend {

    /**
     * Where a kernel of the IJava line keeps the running kernel, its static display calls and its DisplayData.
     *
     * @param kernelGetter a static no-argument method of {@code kernelClass} returning the running kernel; it may
     *     return null or throw outside a kernel
     */
    record Api(String name, String kernelClass, String kernelGetter, String displayClass, String displayDataClass) {}

    /** IJava 1.3 (io.github.spencerpark). */
    static final Api IJAVA = new Api("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance",
            "io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.jupyter.kernel.display.DisplayData");

    /** JJava 1.0 (org.dflib.jjava), the kernel the project installs as multitask-lab. */
    static final Api JJAVA = new Api("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
            "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.jupyter.kernel.display.DisplayData");

    private final Api api;
    private final Object kernel;
    private final Method displayImage;
    private final Method updateImage;
    private final Class<?> displayData;

    private IJavaLineFrontend(Api api, Object kernel, Method displayImage, Method updateImage, Class<?> displayData) {
        this.api = api;
        this.kernel = kernel;
        this.displayImage = displayImage;
        this.updateImage = updateImage;
        this.displayData = displayData;
    }

    /**
     * Returns the frontend of the running kernel described by {@code api}, or null when that kernel is absent or
     * not running (its getter returns null or throws, as JJava's {@code notebookKernel()} does).
     */
    static IJavaLineFrontend findRunning(Api api, ClassLoader loader) {
        try {
            Object kernel = Class.forName(api.kernelClass(), true, loader).getMethod(api.kernelGetter()).invoke(null);
            if (kernel == null) {
                return null;
            }
            Class<?> display = Class.forName(api.displayClass(), true, loader);
            return new IJavaLineFrontend(api, kernel,
                    display.getMethod("display", Object.class, String[].class),
                    display.getMethod("updateDisplay", String.class, Object.class, String[].class),
                    Class.forName(api.displayDataClass(), true, loader));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Returns the name of the kernel this frontend displays through ("JJava", "IJava"). */
    String kernelName() {
        return api.name();
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
            throw new IllegalStateException(api.name() + " updateDisplay is not reachable: " + e, e);
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
            throw new IllegalStateException(api.name() + " DisplayData cannot be made: " + e, e);
        }
    }

    private Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(api.name() + " has no " + type.getSimpleName() + "." + name, e);
        }
    }

    private Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(api.name() + " " + method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(api.name() + " " + method.getName() + " is not accessible", e);
        }
    }
}
