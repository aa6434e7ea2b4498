package io.github.spencerpark.ijava;

/** Test double with the shape of IJava 1.3's entry point: a static kernel instance, null outside a kernel. */
public final class IJava {
    public static FakeKernel instance;

    private IJava() {}

    public static FakeKernel getKernelInstance() {
        return instance;
    }
}
