package io.github.spencerpark.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test double with basekernel's DisplayData methods that the bridge calls. */
public class DisplayData {
    public final Map<String, Object> data = new LinkedHashMap<>();
    public final Map<String, Object> transientData = new LinkedHashMap<>();

    public DisplayData(String textData) {
        data.put("text/plain", textData);
    }

    public void putData(String mimeType, Object value) {
        data.put(mimeType, value);
    }

    public void putTransientData(String key, Object value) {
        transientData.put(key, value);
    }
}
