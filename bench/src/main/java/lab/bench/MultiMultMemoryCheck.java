package lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lab.train.MultiMultResult;
import lab.train.MultiMultSettings;
import lab.train.MultiMultTrainer;

/**
 * Not a test (no timing or memory asserts in the suite): trains one run and prints resident memory at epoch 400
 * and every 1,000 epochs, plus the final losses and the time. RSS includes the Java heap, which grows until the
 * collector settles, so pin and pre-touch the heap to see native memory alone, e.g.
 * {@code java -Xms96m -Xmx96m -XX:+AlwaysPreTouch -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1
 * -Dai.djl.pytorch.num_interop_threads=1 -cp 'lib/target/jars/*:bench/target/multitask-lab-bench.jar'
 * lab.bench.MultiMultMemoryCheck full|quick [seed] [epochs]}.
 */
public final class MultiMultMemoryCheck {

    private MultiMultMemoryCheck() {}

    public static void main(String[] args) {
        MultiMultSettings s = args.length > 0 && args[0].equals("quick") ? MultiMultSettings.quick()
                : MultiMultSettings.full();
        if (args.length > 1) {
            s = s.withSeed(Long.parseLong(args[1]));
        }
        if (args.length > 2) {
            s = s.withEpochs(Integer.parseInt(args[2]));
        }
        int epochs = s.epochs();
        MultiMultResult r = MultiMultTrainer.train(s, (done, total, note) -> {
            if (done == 400 || done == total || done % 1000 == 0) {
                System.out.printf("epoch %5d/%d  RSS %6.1f MB  %s%n", done, total, rssMegabytes(), note);
            }
        });
        System.out.printf("%s: %d epochs in %.1f s, final train MSE %.3e, validation MSE %.3e%n",
                s, epochs, r.seconds(), r.finalTrainLoss(), r.finalValidationLoss());
    }

    private static double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
