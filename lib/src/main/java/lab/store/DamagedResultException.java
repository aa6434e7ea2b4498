package lab.store;

import java.nio.file.Path;

/**
 * A stored entry or checkpoint whose files do not match their checksums, are missing or cannot be parsed. The
 * message names the path, what is wrong, and what to do.
 */
public final class DamagedResultException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String reason;

    DamagedResultException(Path path, String reason) {
        super("the stored result " + path + " is damaged: " + reason + "; rerun the same training command to "
                + "retrain it (the damaged copy is moved aside), or delete it");
        this.path = path;
        this.reason = reason;
    }

    /** Returns the damaged entry folder or checkpoint file. */
    public Path path() {
        return path;
    }

    /** Returns what is wrong, e.g. {@code arrays.npz does not match its checksum}. */
    public String reason() {
        return reason;
    }
}
