package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class BenchEnvTest {

    @Test
    void mklsVersionStringBecomesItsVersionAndBuild() {
        String text = "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 "
                + "architecture applications";

        assertEquals(" 2024.2, build 20240605", BenchEnv.describeMkl(text));
        assertEquals("", BenchEnv.describeMkl("no version here"));
    }

    @Test
    void theBlasOfTheLoadedEngineIsTheMklItReports() {
        Engine.getEngine("PyTorch");

        String blas = BenchEnv.blas();

        assertTrue(blas.matches("MKL \\d{4}\\.\\d+, build \\d+ \\(static in DJL's libtorch_cpu\\.so 2\\.7\\.1\\)"), blas);
    }
}
