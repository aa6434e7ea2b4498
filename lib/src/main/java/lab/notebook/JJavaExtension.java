package lab.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Lets JJava show the library's values as a cell's last expression: JJava loads this class from
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the library is on its classpath, and it
 * registers a renderer per type {@link NaturalView} knows (chart and chart grid: PNG; Tablesaw table and library
 * records: HTML; loss curves: their chart). Compiled against jjava-jupyter 1.0-a6 and run in newer kernels, so it
 * only calls API that 1.0-a8 kept (no {@code DisplayData.setDisplayId}).
 */
public final class JJavaExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        Renderer renderer = kernel.getRenderer();
        register(renderer, Chart.class, MIMEType.IMAGE_PNG);
        register(renderer, lab.chart.ChartGrid.class, MIMEType.IMAGE_PNG);
        register(renderer, lab.train.LossCurves.class, MIMEType.IMAGE_PNG);
        register(renderer, Table.class, MIMEType.TEXT_HTML);
        // Records of other packages get nothing here, so JJava falls back to their toString().
        register(renderer, Record.class, MIMEType.TEXT_HTML);
    }

    private static <T> void register(Renderer renderer, Class<T> type, MIMEType mime) {
        renderer.createRegistration(type).preferring(mime).supporting(mime).register(JJavaExtension::render);
    }

    private static void render(Object value, RenderContext context) {
        Output output = NaturalView.of(value);
        if (output == null) {
            return;
        }
        context.getOutputContainer().putText(output.plain());
        if (output.rich() instanceof RenderedImage image) {
            context.renderIfRequested(MIMEType.IMAGE_PNG, () -> base64Png(image));
        } else {
            context.renderIfRequested(MIMEType.TEXT_HTML, output::rich);
        }
    }

    /** Returns {@code image} as base64 PNG, the form Jupyter's image/png data takes. */
    static String base64Png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
