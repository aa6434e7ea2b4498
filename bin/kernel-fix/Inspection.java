package lab.kernelfix;

import java.util.List;

/**
 * Where to ask JShell's {@code SourceCodeAnalysis.documentation} about the word at an {@code inspect_request}'s
 * cursor: the code up to a position, in the order to try.
 *
 * <p>Why: clients put the cursor at the end of the word (Shift+Tab after {@code Math.max}, and
 * {@code jupyter_kernel_test} asks with the cursor at the end of the code), but JShell documents a method only
 * with the cursor after its {@code (}, a type or field only with the cursor at the end of its name, and rapaio
 * 3.0.1 and JJava 1.0a8 look one character past the end of the code there and find nothing. Here the word is the
 * identifier the cursor is in or just after; a call is asked about after its {@code (}; a name with no call
 * first as itself (a type, field or variable), then as a method named without its call.
 */
public final class Inspection {

    /** One question to JShell: the code to ask about (the cell up to the point) and the cursor (its end). */
    public record Query(String code, int cursor) {}

    private Inspection() {}

    /** The questions for the word at {@code cursor} in {@code code}, best first. */
    public static List<Query> queries(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int start = at;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        if (start == end) {
            return List.of(new Query(code.substring(0, at), at)); // no word here, e.g. just after a '('
        }
        int next = end;
        while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
            next++;
        }
        if (next < code.length() && code.charAt(next) == '(') {
            return List.of(new Query(code.substring(0, next + 1), next + 1));
        }
        String word = code.substring(0, end);
        return List.of(new Query(word, end), new Query(word + "(", end + 1));
    }
}
