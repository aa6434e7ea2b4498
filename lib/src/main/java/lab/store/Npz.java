package lab.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's npz format (a zip of {@code <name>.npy} files, {@code numpy.load} reads it), written byte for byte the
 * same for the same arrays: entries stored uncompressed with a fixed date, so two runs with equal numbers store
 * equal files. Reads what DJL's {@code NDList.encode(NPZ)} wrote before, too.
 */
final class Npz {

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-z])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*True");

    private Npz() {}

    /** Returns the npz of float32 arrays (with shapes), int64 and float64 scalars, in that order. */
    static byte[] write(Map<String, float[]> arrays, Map<String, long[]> shapes, Map<String, Long> longs,
            Map<String, Double> doubles, String comment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, float[]> a : arrays.entrySet()) {
                ByteBuffer b = data(a.getValue().length * 4L);
                b.asFloatBuffer().put(a.getValue());
                add(zip, a.getKey(), npy("<f4", shapes.get(a.getKey()), b.array()));
            }
            for (Map.Entry<String, Long> l : longs.entrySet()) {
                add(zip, l.getKey(), npy("<i8", new long[0], data(8).putLong(l.getValue()).array()));
            }
            for (Map.Entry<String, Double> d : doubles.entrySet()) {
                add(zip, d.getKey(), npy("<f8", new long[0], data(8).putDouble(d.getValue()).array()));
            }
            if (comment != null) {
                zip.setComment(comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build an npz in memory", e);
        }
        return bytes.toByteArray();
    }

    private static ByteBuffer data(long size) {
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("an array of " + size + " bytes does not fit one npy file");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void add(ZipOutputStream zip, String name, byte[] npy) throws IOException {
        ZipEntry e = new ZipEntry(name + ".npy");
        e.setMethod(ZipEntry.STORED);
        e.setTimeLocal(FIXED_TIME);
        CRC32 crc = new CRC32();
        crc.update(npy);
        e.setCrc(crc.getValue());
        e.setSize(npy.length);
        e.setCompressedSize(npy.length);
        zip.putNextEntry(e);
        zip.write(npy);
        zip.closeEntry();
    }

    /** Returns an npy file (format 1.0): magic, header padded to 64 bytes, little-endian data. */
    private static byte[] npy(String descr, long[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() > 0 ? dims.substring(0, dims.length() - 2) : "") + ")";
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    /**
     * Reads every array of the npz into the builder: float32 as arrays; with {@code scalarsAsValues}, 0-d int64
     * and float64 as values.
     *
     * @throws Damage naming what is wrong with the bytes
     */
    static void read(byte[] bytes, Entry.Builder b, boolean scalarsAsValues) throws Damage {
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new Damage("it holds '" + name + "', not an npy array");
                }
                readNpy(name.substring(0, name.length() - 4), zip.readAllBytes(), b, scalarsAsValues);
                count++;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new Damage("it is not a readable zip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Damage("it cannot be read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new Damage(String.valueOf(e.getMessage()));
        }
        if (count == 0) {
            throw new Damage("it holds no arrays (truncated?)");
        }
    }

    private static void readNpy(String name, byte[] npy, Entry.Builder b, boolean scalarsAsValues) throws Damage {
        ByteBuffer in = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        if (npy.length < 10 || (npy[0] & 0xff) != 0x93
                || !"NUMPY".equals(new String(npy, 1, 5, StandardCharsets.US_ASCII))) {
            throw new Damage("array '" + name + "' is not an npy file");
        }
        int major = npy[6];
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLength = in.getInt(8);
            start = 12;
        } else {
            throw new Damage("array '" + name + "' has npy version " + major);
        }
        if (headerLength < 0 || start + headerLength > npy.length) {
            throw new Damage("array '" + name + "' has a header longer than the file");
        }
        String header = new String(npy, start, headerLength, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || FORTRAN.matcher(header).find()) {
            throw new Damage("array '" + name + "' has an unreadable npy header");
        }
        long[] shape = shape(name, s.group(1));
        long size = 1;
        for (long dim : shape) {
            size = Math.multiplyExact(size, dim);
        }
        String type = d.group(2) + d.group(3);
        ByteOrder order = ">".equals(d.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int width = Integer.parseInt(d.group(3));
        int dataStart = start + headerLength;
        if ((long) npy.length - dataStart != size * width) {
            throw new Damage("array '" + name + "' holds " + (npy.length - dataStart) + " bytes of data, its shape "
                    + java.util.Arrays.toString(shape) + " needs " + size * width);
        }
        ByteBuffer data = ByteBuffer.wrap(npy, dataStart, npy.length - dataStart).slice().order(order);
        if (type.equals("f4")) {
            float[] v = new float[(int) size];
            data.asFloatBuffer().get(v);
            b.putArray(name, v, shape);
        } else if (scalarsAsValues && shape.length == 0 && type.equals("i8")) {
            b.putValue(name, data.getLong());
        } else if (scalarsAsValues && shape.length == 0 && type.equals("f8")) {
            b.putValue(name, data.getDouble());
        } else {
            throw new Damage("array '" + name + "' has type " + d.group(0) + "; only float32 arrays (and 0-d "
                    + "int64/float64 values in checkpoints) are stored");
        }
    }

    private static long[] shape(String name, String tuple) throws Damage {
        String[] parts = tuple.split(",");
        long[] out = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            try {
                out[n] = Long.parseLong(p.trim());
            } catch (NumberFormatException e) {
                throw new Damage("array '" + name + "' has an unreadable shape (" + tuple + ")");
            }
            if (out[n++] < 0) {
                throw new Damage("array '" + name + "' has a negative dimension");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** What is wrong with a stored file, said as the end of "... is damaged: <reason>". */
    static final class Damage extends Exception {
        private static final long serialVersionUID = 1L;

        Damage(String reason) {
            super(reason);
        }
    }
}
