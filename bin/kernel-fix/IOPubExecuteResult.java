package org.rapaio.jupyter.kernel.message.messages;

import lab.kernelfix.PlainText;
import lab.kernelfix.RapaioShell;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's class of the same name ({@code bin/lab} puts bin/kernel-fix ahead of
 * the kernel jar): the same, except that the bundle always holds {@code text/plain} ({@link PlainText}), which is
 * also kept as the cell's output in the kernel's history (rapaio builds a cell's result only here).
 */
public class IOPubExecuteResult extends DisplayData implements ContentType<IOPubExecuteResult> {

    @SerializedName("execution_count")
    private final int count;

    public IOPubExecuteResult(int count, DisplayData data) {
        super(PlainText.withPlain(data.data()), data.metadata(), data.transientData());
        this.count = count;
        Object plain = data().get("text/plain");
        RapaioShell.HISTORY.output(count, plain == null ? null : plain.toString());
    }

    @Override
    public MessageType<IOPubExecuteResult> type() {
        return MessageType.IOPUB_EXECUTE_RESULT;
    }
}
