package lab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.spencerpark.ijava.FakeKernel;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.runtime.Display;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the bridge's IJava 1.3 path against test doubles shaped like IJava 1.3's API (IJava cannot run here: it is
 * in no registry). The JJava path, same code under JJava's names, runs against the real kernel in bin/kernel_tests.py.
 */
class IJavaLineFrontendTest {

    @AfterEach
    void stopTheKernel() {
        IJava.instance = null;
        Display.displayed.clear();
        Display.mimes.clear();
    }

    @Test
    void noRunningKernelMeansNoFrontend() {
        assertNull(IJavaLineFrontend.findRunning(IJavaLineFrontend.IJAVA, getClass().getClassLoader()));
    }

    @Test
    void htmlReachesTheKernelAsHtmlWithPlainTextBesideIt() {
        // given
        FakeKernel kernel = new FakeKernel();
        IJava.instance = kernel;
        IJavaLineFrontend frontend = IJavaLineFrontend.findRunning(IJavaLineFrontend.IJAVA, getClass().getClassLoader());
        assertNotNull(frontend);

        // when
        String id = frontend.show(new Output("text/html", "<table></table>", "a table"));

        // then
        assertEquals(1, kernel.shown.size());
        DisplayData data = kernel.shown.get(0);
        assertEquals("<table></table>", data.data.get("text/html"));
        assertEquals("a table", data.data.get("text/plain"));
        assertEquals(id, data.transientData.get("display_id"));
    }

    @Test
    void anUpdateReplacesTheOutputUnderItsId() {
        // given
        FakeKernel kernel = new FakeKernel();
        IJava.instance = kernel;
        IJavaLineFrontend frontend = IJavaLineFrontend.findRunning(IJavaLineFrontend.IJAVA, getClass().getClassLoader());
        String id = frontend.show(Output.text("epoch 1"));

        // when
        frontend.update(id, Output.text("epoch 2"));

        // then
        assertEquals(java.util.List.of(id), kernel.io.display.updatedIds);
        assertEquals("epoch 2", kernel.io.display.updates.get(0).data.get("text/plain"));
    }

    @Test
    void anImageGoesThroughIJavasRendererAsPng() {
        // given
        IJava.instance = new FakeKernel();
        IJavaLineFrontend frontend = IJavaLineFrontend.findRunning(IJavaLineFrontend.IJAVA, getClass().getClassLoader());
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);

        // when
        String id = frontend.show(new Output("image/png", image, "[image]"));

        // then
        assertEquals("image-1", id);
        assertSame(image, Display.displayed.get(0));
        assertArrayEquals(new String[] {"image/png"}, Display.mimes.get(0));
    }
}
