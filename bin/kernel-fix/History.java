package lab.kernelfix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells a kernel ran since it started, for {@code history_request}s: tail, range and search, entries shaped as
 * the protocol has them ({@code [session, line, input]}, or {@code [session, line, [input, output]]} with output).
 *
 * <p>Why: neither rapaio 3.0.1 nor JJava 1.0a8 keeps a history, so a client asking for one waits forever. This one
 * lives as long as the kernel (one session, numbered {@value #SESSION}; no file), numbers lines by the cell's
 * execution count and keeps a cell's output as the {@code text/plain} of its result (none for a cell without one),
 * as IPython does.
 */
public final class History {

    /** The session number of every entry: the kernel's one, current session. */
    public static final int SESSION = 1;

    private record Entry(int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds the cell run as execution {@code line}. */
    public synchronized void input(int line, String code) {
        entries.add(new Entry(line, code, null));
    }

    /** Sets the output of execution {@code line}, if that cell is kept. */
    public synchronized void output(int line, String text) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).line() == line) {
                entries.set(i, new Entry(line, entries.get(i).input(), text));
                return;
            }
        }
    }

    /** The last {@code n} entries. */
    public synchronized List<List<Object>> tail(int n, boolean withOutput) {
        return shaped(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()), withOutput);
    }

    /**
     * Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less: to the end) of {@code session}, which
     * is 0 (the current session, as in IPython) or {@value #SESSION}; other sessions hold nothing.
     */
    public synchronized List<List<Object>> range(int session, int start, int stop, boolean withOutput) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        return shaped(entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList(),
                withOutput);
    }

    /**
     * The entries whose input matches the glob {@code pattern} ({@code *} any text, {@code ?} one character, as
     * IPython's search), the last {@code n} of them ({@code n} 0 or less: all); with {@code unique} only the latest
     * entry of each input.
     */
    public synchronized List<List<Object>> search(String pattern, int n, boolean unique, boolean withOutput) {
        Pattern glob = globPattern(pattern == null ? "*" : pattern);
        List<Entry> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (glob.matcher(entry.input()).matches() && (!unique || seen.add(entry.input()))) {
                found.add(0, entry);
            }
        }
        return shaped(n > 0 ? found.subList(Math.max(0, found.size() - n), found.size()) : found, withOutput);
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<List<Object>> shaped(List<Entry> chosen, boolean withOutput) {
        List<List<Object>> out = new ArrayList<>();
        for (Entry entry : chosen) {
            Object text = withOutput ? Arrays.asList(entry.input(), entry.output()) : entry.input();
            out.add(Arrays.asList(SESSION, entry.line(), text));
        }
        return out;
    }
}
