package lab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A failed read or write of the result store, said as one sentence: which path, and why (read-only, not a folder,
 * no space left with how much was needed, ...).
 */
public final class StoreIOException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    StoreIOException(String sentence, IOException cause) {
        super(sentence, cause);
    }

    /** Returns the failure of {@code doing} (e.g. "cannot write") on {@code path}, with the reason in words. */
    static StoreIOException of(String doing, Path path, IOException e, long bytesNeeded) {
        return new StoreIOException(doing + " " + path + ": " + why(path, e, bytesNeeded), e);
    }

    private static String why(Path path, IOException e, long bytesNeeded) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("no space left") || m.contains("disk quota")) {
            return "no space left on its device (" + space(bytesNeeded) + " needed, " + free(path) + " free)";
        }
        if (e instanceof AccessDeniedException || m.contains("read-only") || m.contains("permission denied")) {
            return "it is read-only (no permission to write there); choose a writable folder with LAB_RESULTS";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException || m.contains("not a directory")) {
            return "a file stands where a folder is needed; point LAB_RESULTS at a folder";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }

    /** Returns bytes in readable units, e.g. {@code 1.2 MB}. */
    static String space(long bytes) {
        if (bytes < 0) {
            return "an unknown amount";
        }
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String free(Path path) {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    FileStore fs = Files.getFileStore(p);
                    return space(fs.getUsableSpace());
                } catch (IOException ignored) {
                    return "an unknown amount";
                }
            }
        }
        return "an unknown amount";
    }
}
