package lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchExportTest {

    @TempDir
    Path dir;

    @Test
    void npyFileHasNumpyHeaderPaddedTo64BytesThenLittleEndianFloats() throws IOException {
        // given two rows of three floats
        float[] values = {1f, -2f, 0.5f, 3f, 4f, 5f};
        Path file = dir.resolve("a.npy");

        // when
        BenchExport.writeNpy(file, values, new long[] {2, 3});

        // then: magic, version 1.0, header length, dict, data
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 4 * values.length, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            assertEquals(v, data.getFloat(), 0f);
        }
    }

    @Test
    void oneDimensionalShapeIsWrittenAsPythonTuple() throws IOException {
        Path file = dir.resolve("b.npy");

        BenchExport.writeNpy(file, new float[] {7f}, new long[] {1});

        String header = new String(Files.readAllBytes(file), 10, 54, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (1,)"), header);
    }

    @Test
    void exportRefusesZeroModels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchExport.write(dir, 0, 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void jsonRowQuotesStringsAndWritesArrays() {
        String json = BenchEnv.json(Map.of("a", "x\"y"));
        assertEquals("{\"a\": \"x\\\"y\"}", json);
        assertEquals("{\"v\": [1.00000000, 2.50000000]}", BenchEnv.json(Map.of("v", new float[] {1f, 2.5f})));
    }
}
