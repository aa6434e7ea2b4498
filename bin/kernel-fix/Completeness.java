package lab.kernelfix;

import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Answers an {@code is_complete_request} for Java cell source: "complete", "incomplete" (with the indent of the
 * next line) or "invalid", as a console asks before it runs what was typed.
 *
 * <p>Why not JShell alone: its {@code analyzeCompletion} splits the input into snippets and says where one is
 * unfinished ({@code DEFINITELY_INCOMPLETE}), but it is a scanner, not a parser: {@code 1 + * 2;} is "complete" to
 * it. So every snippet it calls complete is also parsed by javac (parse only, no attribution: a name that is not
 * defined yet is fine, a syntax error is not), in each place a JShell snippet may stand.
 */
public final class Completeness {

    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";
    public static final String INVALID = "invalid";

    /** A reply: the status and, for incomplete code, the indent of the next line (else null). */
    public record Result(String status, String indent) {}

    private static final String INDENT_STEP = "    ";
    // Where a JShell snippet may stand: a method body (statements), a value (an expression, JShell's trailing ';'
    // dropped), a class body (methods, fields), a compilation unit (imports, types).
    private static final String[][] PLACES = {
        {"class LabSnippet { void labSnippet() {\n", "\n;}}\n"},
        {"class LabSnippet { void labSnippet() { Object labValue = (\n", "\n);}}\n"},
        {"class LabSnippet {\n", "\n}\n"},
        {"", "\n"},
    };
    // One file manager for every parse: making one per request costs more than the parse.
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null, null);

    private Completeness() {}

    /** Judges {@code code} with the kernel's own JShell analysis. */
    public static Result of(String code, SourceCodeAnalysis analysis) {
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return new Result(COMPLETE, null);
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (!parses(info.source())) {
                        return new Result(INVALID, null);
                    }
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new Result(INCOMPLETE, nextIndent(code));
                default: // UNKNOWN: JShell cannot read it as any snippet
                    return new Result(INVALID, null);
            }
        }
    }

    /** True when javac parses {@code snippet} without a syntax error in at least one place a snippet may stand. */
    static boolean parses(String snippet) {
        String value = snippet.strip();
        value = value.endsWith(";") ? value.substring(0, value.length() - 1) : value;
        for (int i = 0; i < PLACES.length; i++) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            JavaFileObject source = new Source(PLACES[i][0] + (i == 1 ? value : snippet) + PLACES[i][1]);
            JavacTask task = (JavacTask) JAVAC.getTask(null, FILES, diagnostics, List.of("-proc:none"), null,
                    List.of(source));
            try {
                task.parse();
            } catch (java.io.IOException e) {
                continue;
            }
            if (diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                return true;
            }
        }
        return false;
    }

    /** The indent of the line after {@code code}: the last line's, one step deeper after an opening bracket. */
    static String nextIndent(String code) {
        String[] lines = code.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            char last = line.charAt(line.length() - 1);
            return last == '{' || last == '(' || last == '[' ? indent + INDENT_STEP : indent;
        }
        return "";
    }

    /** Source text held in memory, as javac reads a file. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///LabSnippet.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
