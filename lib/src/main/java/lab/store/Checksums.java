package lab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 checksums of stored files. An entry folder holds {@code checksums.sha256} in {@code sha256sum}'s format
 * ({@code sha256sum -c checksums.sha256} checks it by hand), listing every other file of the folder; a checkpoint
 * file carries the checksum of all its bytes before it in its zip comment ({@code sha256=<hex>}). Either way a
 * changed, truncated, added or missing byte anywhere is found. An entry's wall-clock timing ({@code timing.csv})
 * has a manifest of its own ({@code timing.sha256}), so two runs with equal numbers have equal results manifests:
 * the time a run took is a fact about the machine, not one of its results.
 */
final class Checksums {

    /** The manifest file of an entry folder. */
    static final String MANIFEST = "checksums.sha256";
    /** An entry's timing file and the manifest that covers only it. */
    static final String TIMING = "timing.csv";
    static final String TIMING_MANIFEST = "timing.sha256";
    /** The zip comment that seals a checkpoint: this prefix, then 64 hex digits. */
    private static final String SEAL = "sha256=";
    private static final int SEAL_LENGTH = SEAL.length() + 64;

    private Checksums() {}

    /** Returns the SHA-256 of the bytes, as 64 lower-case hex digits. */
    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Writes the manifests of the folder: its results, then its timing if any (call after every file is written). */
    static void writeManifest(Path folder) throws IOException {
        write(folder, MANIFEST, results(folder));
        if (Files.exists(folder.resolve(TIMING))) {
            write(folder, TIMING_MANIFEST, List.of(folder.resolve(TIMING)));
        }
    }

    /**
     * Checks the folder against its manifests.
     *
     * @throws Npz.Damage naming the first file that is missing, extra or changed
     */
    static void checkManifest(Path folder) throws Npz.Damage, IOException {
        check(folder, MANIFEST, results(folder));
        if (Files.exists(folder.resolve(TIMING)) || Files.exists(folder.resolve(TIMING_MANIFEST))) {
            check(folder, TIMING_MANIFEST, Files.exists(folder.resolve(TIMING)) ? List.of(folder.resolve(TIMING))
                    : List.of());
        }
    }

    private static void write(Path folder, String manifest, List<Path> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            text.append(sha256(b, b.length)).append("  ").append(p.getFileName()).append('\n');
        }
        Files.writeString(folder.resolve(manifest), text, StandardCharsets.UTF_8);
    }

    private static void check(Path folder, String manifestName, List<Path> files) throws Npz.Damage, IOException {
        Path manifest = folder.resolve(manifestName);
        if (!Files.isRegularFile(manifest)) {
            throw new Npz.Damage(manifestName + " is missing");
        }
        Map<String, String> listed = new TreeMap<>();
        String text = Files.readString(manifest, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new Npz.Damage(manifestName + " is cut short");
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || !line.startsWith("  ", 64)) {
                throw new Npz.Damage(manifestName + " has an unreadable line");
            }
            listed.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            actual.put(p.getFileName().toString(), sha256(b, b.length));
        }
        for (String name : listed.keySet()) {
            if (!actual.containsKey(name)) {
                throw new Npz.Damage(name + " is missing");
            }
        }
        for (Map.Entry<String, String> a : actual.entrySet()) {
            String want = listed.get(a.getKey());
            if (want == null) {
                throw new Npz.Damage(a.getKey() + " is not in " + manifestName);
            }
            if (!want.equals(a.getValue())) {
                throw new Npz.Damage(a.getKey() + " does not match its checksum");
            }
        }
    }

    /** Returns the files the results manifest covers: all but the manifests and the timing. */
    private static List<Path> results(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = new ArrayList<>(s.filter(p -> !Set.of(MANIFEST, TIMING, TIMING_MANIFEST)
                    .contains(p.getFileName().toString())).sorted().toList());
            for (Path p : out) {
                if (!Files.isRegularFile(p)) {
                    throw new IOException(p + " is not a file");
                }
            }
            return out;
        }
    }

    /** Returns a zip comment to reserve, replaced by {@link #seal} once the bytes before it are known. */
    static String placeholder() {
        return SEAL + "0".repeat(64);
    }

    /** Replaces the placeholder comment at the end of the zip with the checksum of the bytes before it. */
    static byte[] seal(byte[] zip) {
        int at = zip.length - SEAL_LENGTH;
        byte[] sealed = (SEAL + sha256(zip, at)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sealed, 0, zip, at, SEAL_LENGTH);
        return zip;
    }

    /**
     * Returns whether the zip ends without any comment: a checkpoint written before checksums (DJL's writer). A
     * sealed file never looks like one, even with a byte changed: its last two bytes are hex digits, not zeros.
     */
    static boolean isUnsealed(byte[] zip) {
        int n = zip.length;
        return n >= 22 && zip[n - 22] == 'P' && zip[n - 21] == 'K' && zip[n - 20] == 5 && zip[n - 19] == 6
                && zip[n - 2] == 0 && zip[n - 1] == 0;
    }

    /**
     * Checks a sealed zip's checksum.
     *
     * @throws Npz.Damage when the bytes do not match
     */
    static void checkSeal(byte[] zip) throws Npz.Damage {
        int at = zip.length - SEAL_LENGTH;
        if (at < 22 || zip[at - 22] != 'P' || zip[at - 21] != 'K' || zip[at - 20] != 5 || zip[at - 19] != 6
                || (zip[at - 2] & 0xff) != SEAL_LENGTH || zip[at - 1] != 0
                || !new String(zip, at, SEAL.length(), StandardCharsets.ISO_8859_1).equals(SEAL)) {
            throw new Npz.Damage("its end (the checksum) is missing or cut short");
        }
        String want = new String(zip, at + SEAL.length(), 64, StandardCharsets.ISO_8859_1);
        if (!want.equals(sha256(zip, at))) {
            throw new Npz.Damage("it does not match its checksum");
        }
    }
}
