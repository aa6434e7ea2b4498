package lab.train;

import ai.djl.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.loop.IntraOpThreads;

/**
 * What a trained model's numbers depend on besides its settings: the project's arithmetic, the DJL and libtorch
 * versions, the CPU architecture and the intra-op threads each training thread uses. A result store records it
 * and refuses to mix results made with a different one; class names are not in it, so renaming code keeps stored
 * results.
 */
public final class Reproducibility {

    /**
     * The version of the project's arithmetic: raise it when a change to the training code changes the numbers
     * (an op order, a fused kernel), so stores made before are not mixed with new results.
     */
    public static final int ARITHMETIC = 1;

    /**
     * 001's arithmetic: 2 since its block computes the one MLP pass ({@code lab.model.MlpPass}, 2026-11-30), which
     * sums in another order than DJL's Linear layers did; 001 stores made before are refused, not mixed.
     */
    public static final int ARITHMETIC_001 = 2;

    private Reproducibility() {}

    /** Returns the record, in a fixed order, e.g. {@code djl=0.35.1, engine=PyTorch 2.7.1, ...}. */
    public static Map<String, String> dependencies() {
        return dependencies(ARITHMETIC);
    }

    /** Returns the record with the arithmetic version {@code arithmetic} (see {@link #ARITHMETIC_001}). */
    public static Map<String, String> dependencies(int arithmetic) {
        Engine engine = Engine.getEngine("PyTorch");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("arithmetic", Integer.toString(arithmetic));
        m.put("djl", Engine.getDjlVersion());
        m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        m.put("arch", System.getProperty("os.arch"));
        m.put("intraOpThreads", Integer.toString(IntraOpThreads.count()));
        return m;
    }
}
