package org.rapaio.jupyter.kernel.channels;

import lab.kernelfix.RapaioShell;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's {@code ShellChannel}: {@code bin/lab} puts this class ahead of the
 * kernel jar on the kernel's classpath. Same name, constructor and methods as 3.0.1, and the same loop
 * ({@link ChannelLoop}), except that each request's handler comes from {@link RapaioShell}, which answers history,
 * is_complete and inspect requests where 3.0.1 does not or gets them wrong, and hands everything else to rapaio's
 * own handler.
 */
public final class ShellChannel extends AbstractChannel {

    private final ChannelLoop loop = new ChannelLoop(this, this::receive);

    /** {@code connection} is the same {@code Channels} as {@code channels} (3.0.1 takes both). */
    public ShellChannel(Channels channels, ZMQ.Context ctx, HMACDigest hmacGenerator, Channels connection) {
        super(channels, "ShellChannel", ctx, SocketType.ROUTER, hmacGenerator);
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        loop.start(connProps.formatAddress(connProps.shellPort()));
    }

    private void receive(Message<?> message) {
        loop.dispatch(message, RapaioShell.handler(message.header().type(), channels));
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
