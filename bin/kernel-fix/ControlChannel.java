package org.rapaio.jupyter.kernel.channels;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's {@code ControlChannel}: {@code bin/lab} puts this class ahead of the
 * kernel jar on the kernel's classpath. Same name, constructor and methods as 3.0.1; every control message but
 * {@code interrupt_request} is handled exactly as there.
 *
 * <p>Why: 3.0.1 handles {@code interrupt_request} like a shell message, on state that belongs to the running
 * cell. {@code Channels} keeps one current parent message and one stack of after-actions for all channels, so
 * the interrupt (a) makes itself the parent of the interrupted cell's remaining output and reply, which Jupyter
 * then drops (the cell stays {@code [*]}), (b) runs the cell's pending after-actions from the control thread,
 * restoring {@code System.out} and clearing the parent under the cell, after which no later cell shows any
 * output until a restart, and (c) sends its reply on the shell socket, where the control client never sees it.
 * Here the interrupt touches none of that: it cancels the running cell ({@code RapaioKernel.interrupt()}, which
 * interrupts the cell's thread) and answers on this channel's own socket. The loop is {@link ChannelLoop}.
 */
public final class ControlChannel extends AbstractChannel {

    private final ChannelLoop loop = new ChannelLoop(this, this::receive);

    public ControlChannel(Channels channels, ZMQ.Context ctx, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", ctx, SocketType.ROUTER, hmacGenerator);
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        loop.start(connProps.formatAddress(connProps.controlPort()));
    }

    private void receive(Message<?> message) {
        if (message.header().type() == MessageType.CONTROL_INTERRUPT_REQUEST) {
            sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
            MainApp.kernel.interrupt();
            return;
        }
        loop.dispatch(message, channels.getHandler(message.header().type()));
    }

    @Override
    public void close() {
        loop.stop();
        super.close();
    }

    @Override
    public void joinUntilClose() {
        loop.join();
    }
}
