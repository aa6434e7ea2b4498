package lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The MLP as a DJL block: rows [N, in] in, outputs [N, out] out, computed by {@link MlpPass} for one model
 * (K = 1), so autograd (001's trainer) differentiates the same pass the ensemble trainer runs beside its hand
 * backward. Parameters in the pass's layout: {@code w1 [hidden, in + 1]} (hidden bias as the last column),
 * {@code w2 [out, hidden]}, {@code b2 [out, 1]}. Made by {@link Mlp#builder()}.
 */
public final class MlpBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int in;
    private final int hidden;
    private final int out;
    private final Parameter w1;
    private final Parameter w2;
    private final Parameter b2;

    MlpBlock(List<LinearWeights> initial) {
        super(VERSION);
        MlpPass.Stack s = MlpPass.Stack.of(List.of(initial));
        in = s.in();
        hidden = s.hidden();
        out = s.out();
        w1 = addParameter(parameter("w1", Parameter.Type.WEIGHT, s.w1(), new Shape(hidden, in + 1)));
        w2 = addParameter(parameter("w2", Parameter.Type.WEIGHT, s.w2(), new Shape(out, hidden)));
        b2 = addParameter(parameter("b2", Parameter.Type.BIAS, s.b2(), new Shape(out, 1)));
    }

    private static Parameter parameter(String name, Parameter.Type type, float[] values, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optInitializer((manager, s, dataType) -> {
                    if (!s.equals(shape) || dataType != DataType.FLOAT32) {
                        throw new IllegalArgumentException(name + " is " + shape + " float32 but the block asks for "
                                + s + " " + dataType);
                    }
                    return manager.create(values, shape);
                })
                .build();
    }

    /** Returns the current weights as two {@link LinearWeights} (bias unfolded); the block must be initialised. */
    public List<LinearWeights> weights() {
        for (Parameter p : List.of(w1, w2, b2)) {
            if (!p.isInitialized()) {
                throw new IllegalStateException("block is not initialised: call block.initialize(...) first");
            }
        }
        return new MlpPass.Stack(in, hidden, out, w1.getArray().toFloatArray(), w2.getArray().toFloatArray(),
                b2.getArray().toFloatArray()).model(0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray rows = inputs.singletonOrThrow();
        if (rows.getShape().dimension() != 2 || rows.getShape().get(1) != in) {
            throw new IllegalArgumentException("inputs are " + rows.getShape() + ", the block takes [rows, " + in + "]");
        }
        NDArray x = MlpPass.featureMajor(rows);
        NDArray a = store.getValue(w1, rows.getDevice(), training).expandDims(0);
        NDArray b = store.getValue(w2, rows.getDevice(), training).expandDims(0);
        NDArray c = store.getValue(b2, rows.getDevice(), training).expandDims(0);
        NDArray y = MlpPass.forward(a, b, c, x).outputs(); // [1, out, N]
        return new NDList(y.get(0).transpose());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // No child blocks: the three parameters are this block's own.
    }
}
