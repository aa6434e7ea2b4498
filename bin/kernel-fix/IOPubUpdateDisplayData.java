package org.rapaio.jupyter.kernel.message.messages;

import lab.kernelfix.PlainText;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's class of the same name: the same (an update needs a display id),
 * except that the bundle always holds {@code text/plain} ({@link PlainText}).
 */
public class IOPubUpdateDisplayData extends DisplayData implements ContentType<IOPubUpdateDisplayData> {

    public IOPubUpdateDisplayData(DisplayData data) {
        super(PlainText.withPlain(data.data()), data.metadata(), data.transientData());
        if (!hasDisplayId()) {
            throw new IllegalArgumentException("display_id is required for update");
        }
    }

    @Override
    public MessageType<IOPubUpdateDisplayData> type() {
        return MessageType.IOPUB_UPDATE_DISPLAY_DATA;
    }
}
