package org.rapaio.jupyter.kernel.message.messages;

import lab.kernelfix.PlainText;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's class of the same name: the same, except that the bundle always
 * holds {@code text/plain} ({@link PlainText}).
 */
public class IOPubDisplayData extends DisplayData implements ContentType<IOPubDisplayData> {

    public IOPubDisplayData(DisplayData data) {
        super(PlainText.withPlain(data.data()), data.metadata(), data.transientData());
    }

    @Override
    public MessageType<IOPubDisplayData> type() {
        return MessageType.IOPUB_DISPLAY_DATA;
    }
}
