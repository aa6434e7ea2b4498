package lab.kernelfix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds the {@code text/plain} entry rapaio-jupyter-kernel 3.0.1 leaves out of its mime bundles.
 *
 * <p>Why: the Jupyter protocol asks for {@code text/plain} in every bundle (clients fall back to it, and
 * {@code jupyter_kernel_test} checks it for execute results), but rapaio sends one mime per output: an execute
 * result as {@code text/html} only, an image as {@code image/png} only.
 */
public final class PlainText {

    private PlainText() {}

    /** Returns {@code data} with a {@code text/plain} entry derived from its other entries when it has none. */
    public static Map<String, Object> withPlain(Map<String, Object> data) {
        if (data == null || data.containsKey("text/plain") || data.isEmpty()) {
            return data;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text/plain", plainOf(data));
        out.putAll(data);
        return out;
    }

    private static String plainOf(Map<String, Object> data) {
        Object html = data.get("text/html");
        if (html != null) {
            return unescape(html.toString().replaceAll("(?s)<(br|/tr|/p|/div|/caption)[^>]*>", "\n")
                    .replaceAll("(?s)</t[dh]>", "\t").replaceAll("(?s)<[^>]*>", "")).strip();
        }
        for (String mime : new String[] {"text/markdown", "text/latex", "application/json"}) {
            if (data.get(mime) != null) {
                return data.get(mime).toString();
            }
        }
        return "[" + data.keySet().iterator().next() + "]";
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
