package lab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

import lab.data.MultiplicationTask;
import lab.model.LinearWeights;
import lab.model.MlpWeights;

/**
 * Writes the W1 inputs of models {@code first .. first+count-1} (seed = index) as NumPy {@code .npy} files so
 * the PyTorch script starts every model from the numbers the Java trainers use: data
 * {@code MultiplicationTask.seedSetup().generate(seed)} and weights {@code MlpWeights.pytorchDefault({4,16,2}, seed)}.
 * Files (float32, little-endian, leading axis = model): x_train [M,8000,4], y_train [M,8000,2], x_val [M,2000,4],
 * y_val [M,2000,2], w1 [M,16,4], b1 [M,16], w2 [M,2,16], b2 [M,2].
 */
final class BenchExport {

    private BenchExport() {}

    /** Writes the arrays for seeds {@code first..first+count-1} into {@code dir}, creating it. */
    static void write(Path dir, long first, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("models must be >= 1, got " + count);
        }
        Files.createDirectories(dir);
        MultiplicationTask task = MultiplicationTask.seedSetup();
        int tr = task.trainRows();
        int va = task.validationRows();
        float[][] arrays = {
            new float[count * tr * 4], new float[count * tr * 2], new float[count * va * 4], new float[count * va * 2],
            new float[count * 64], new float[count * 16], new float[count * 32], new float[count * 2]};
        for (int m = 0; m < count; m++) {
            long seed = first + m;
            MultiplicationTask.Split s = task.generate(seed);
            List<LinearWeights> w = MlpWeights.pytorchDefault(new int[] {4, 16, 2}, seed);
            float[][] parts = {
                s.trainInputs().values(), s.trainTargets().values(),
                s.validationInputs().values(), s.validationTargets().values(),
                w.get(0).weight(), w.get(0).bias(), w.get(1).weight(), w.get(1).bias()};
            for (int i = 0; i < parts.length; i++) {
                System.arraycopy(parts[i], 0, arrays[i], m * parts[i].length, parts[i].length);
            }
        }
        String[] names = {"x_train", "y_train", "x_val", "y_val", "w1", "b1", "w2", "b2"};
        long[][] shapes = {{count, tr, 4}, {count, tr, 2}, {count, va, 4}, {count, va, 2},
            {count, 16, 4}, {count, 16}, {count, 2, 16}, {count, 2}};
        for (int i = 0; i < names.length; i++) {
            writeNpy(dir.resolve(names[i] + ".npy"), arrays[i], shapes[i]);
        }
    }

    /** Writes one float32 array in NumPy's .npy format version 1.0, C order. */
    static void writeNpy(Path file, float[] values, long[] shape) throws IOException {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }";
        // magic(6) + version(2) + length(2) + header + '\n' must be a multiple of 64
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length());
        ByteBuffer body = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(body.array());
        }
    }
}
