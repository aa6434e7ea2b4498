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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 checksums of stored files. An entry folder holds {@code checksums.sha256} in {@code sha256sum}'s format
 * ({@code sha256sum -c checksums.sha256} checks it by hand), listing every other file of the folder; a checkpoint
 * file carries the checksum of all its bytes before it in its zip comment ({@code sha256=<hex>}). Either way a
 * changed, truncated, added or missing byte anywhere is found.
 */
final class Checksums {

    /** The manifest file of an entry folder. */
    static final String MANIFEST = "checksums.sha256";
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

    /** Writes the manifest of every file in the folder (call after all of them are written). */
    static void writeManifest(Path folder) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path p : files(folder)) {
            byte[] b = Files.readAllBytes(p);
            text.append(sha256(b, b.length)).append("  ").append(p.getFileName()).append('\n');
        }
        Files.writeString(folder.resolve(MANIFEST), text, StandardCharsets.UTF_8);
    }

    /**
     * Checks the folder against its manifest.
     *
     * @throws Npz.Damage naming the first file that is missing, extra or changed
     */
    static void checkManifest(Path folder) throws Npz.Damage, IOException {
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new Npz.Damage(MANIFEST + " is missing");
        }
        Map<String, String> listed = new TreeMap<>();
        String text = Files.readString(manifest, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new Npz.Damage(MANIFEST + " is cut short");
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || !line.startsWith("  ", 64)) {
                throw new Npz.Damage(MANIFEST + " has an unreadable line");
            }
            listed.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Path p : files(folder)) {
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
                throw new Npz.Damage(a.getKey() + " is not in " + MANIFEST);
            }
            if (!want.equals(a.getValue())) {
                throw new Npz.Damage(a.getKey() + " does not match its checksum");
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = new ArrayList<>(s.filter(p -> !p.getFileName().toString().equals(MANIFEST)).sorted().toList());
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
