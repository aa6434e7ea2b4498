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

    private Reproducibility() {}

    /** Returns the record, in a fixed order, e.g. {@code djl=0.35.1, engine=PyTorch 2.7.1, ...}. */
    public static Map<String, String> dependencies() {
        Engine engine = Engine.getEngine("PyTorch");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("arithmetic", Integer.toString(ARITHMETIC));
        m.put("djl", Engine.getDjlVersion());
        m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        m.put("arch", System.getProperty("os.arch"));
        m.put("intraOpThreads", Integer.toString(IntraOpThreads.count()));
        return m;
    }
}
