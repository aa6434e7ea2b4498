package lab.run;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.store.ResultStore;

/**
 * {@code bin/lab verify [FOLDER]}: checks every stored entry and checkpoint under the results folder (default: the
 * one {@code bin/lab train} uses) against its checksums and lists each damaged one with its path and what is
 * wrong. Exit code 0 when all are intact, 1 when any is damaged, 2 for a folder that cannot be checked.
 */
public final class Verify {

    private Verify() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("bin/lab verify: give at most one folder, got " + args.length + " arguments");
            return 2;
        }
        Path root = args.length == 1 ? Path.of(args[0]).toAbsolutePath() : ResultStore.root();
        if (!Files.isDirectory(root)) {
            err.println("bin/lab verify: " + root + " is not a folder" + (Files.exists(root) ? "" : " (it does not exist)")
                    + "; give a results folder");
            return 2;
        }
        try {
            List<Path> stores = ResultStore.storesUnder(root);
            int damaged = 0;
            int entries = 0;
            for (Path store : stores) {
                List<String> problems = ResultStore.verify(store);
                entries += ResultStore.keysIn(store).size();
                for (String p : problems) {
                    out.println(p);
                    if (p.contains(": damaged (")) {
                        damaged++;
                    }
                }
            }
            if (damaged > 0) {
                out.println("bin/lab verify: " + damaged + " damaged in " + root + "; rerun the training command that "
                        + "made each (it retrains what is damaged), or delete it");
                return 1;
            }
            out.println("bin/lab verify: " + entries + " entries in " + stores.size() + " stores under " + root
                    + ": all intact");
            return 0;
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("bin/lab verify: " + e.getMessage());
            return 2;
        }
    }
}
