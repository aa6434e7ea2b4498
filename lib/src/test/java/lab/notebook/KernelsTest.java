package lab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void aRapaioKernelIsRecognisedByItsMainClassOrOurLauncher() {
        assertTrue(Kernels.isRapaio("org.rapaio.jupyter.kernel.MainApp /tmp/kernel-1.json"));
        assertTrue(Kernels.isRapaio("lab.kernelfix.KernelMain /tmp/kernel-1.json"));
        assertFalse(Kernels.isRapaio("lab.run.Train 001"));
        assertFalse(Kernels.isRapaio("org.rapaio.jupyter.kernel.MainAppX"));
        assertFalse(Kernels.isRapaio(null));
    }

    @Test
    void outsideAKernelOutputIsPrintedPlainly() {
        // given: this test JVM runs no kernel
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        // when
        Frontend frontend = Kernels.detect("org.apache.maven.surefire.booter.ForkedBooter", getClass().getClassLoader(),
                new PrintStream(bytes, true));
        frontend.show(new Output("text/html", "<b>x</b>", "x plain"));

        // then
        assertInstanceOf(PlainFrontend.class, frontend);
        assertEquals("x plain", bytes.toString().strip());
    }

    @Test
    void aRapaioCommandLineWithoutRapaioOnTheClasspathFallsBackToPlainText() {
        // when: the main class says rapaio but its Global class is absent
        Frontend frontend = Kernels.detect("org.rapaio.jupyter.kernel.MainApp k.json", getClass().getClassLoader(),
                new PrintStream(new ByteArrayOutputStream(), true));

        // then
        assertInstanceOf(PlainFrontend.class, frontend);
    }
}
