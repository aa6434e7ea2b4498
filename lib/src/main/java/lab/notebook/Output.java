package lab.notebook;

import java.util.Objects;

/**
 * One piece of output: {@code rich} shown under {@code mime} in a kernel (a {@link java.awt.image.BufferedImage}
 * for {@code image/png}, else a String), and {@code plain} printed when there is no kernel.
 */
record Output(String mime, Object rich, String plain) {

    Output {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(rich, "rich");
        Objects.requireNonNull(plain, "plain");
    }

    /** Returns an output that is the same text in a kernel and on a console. */
    static Output text(String text) {
        return new Output("text/plain", text, text);
    }
}
