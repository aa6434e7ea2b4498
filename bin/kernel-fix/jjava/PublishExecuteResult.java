package org.dflib.jjava.jupyter.messages.publish;

import lab.kernelfix.JJavaShell;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.shaded.com.google.gson.annotations.SerializedName;

/**
 * Stands in for JJava 1.0a8's class of the same name ({@code bin/lab} puts the JJava fix jar ahead of the kernel
 * jar): the same, except that the result's {@code text/plain} is also kept as the cell's output in the kernel's
 * history ({@link JJavaShell}; JJava builds a cell's result only here).
 */
public class PublishExecuteResult extends DisplayData implements ContentType<PublishExecuteResult> {
    public static final MessageType<PublishExecuteResult> MESSAGE_TYPE = MessageType.PUBLISH_EXECUTION_RESULT;

    @SerializedName("execution_count")
    private final int count;

    public PublishExecuteResult(int count, DisplayData data) {
        super(data);
        this.count = count;
        Object plain = getData(MIMEType.TEXT_PLAIN);
        JJavaShell.HISTORY.output(count, plain == null ? null : plain.toString());
    }

    @Override
    public MessageType<PublishExecuteResult> getType() {
        return MESSAGE_TYPE;
    }

    public int getCount() {
        return count;
    }
}
