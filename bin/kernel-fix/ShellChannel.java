package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import lab.kernelfix.RapaioShell;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's {@code ShellChannel}: {@code bin/lab} puts this class ahead of the
 * kernel jar on the kernel's classpath. Same name, constructor and methods as 3.0.1, and the same loop, except
 * that each request's handler comes from {@link RapaioShell}, which answers history, is_complete and inspect
 * requests where 3.0.1 does not or gets them wrong, and hands everything else to rapaio's own handler.
 */
public final class ShellChannel extends AbstractChannel {

    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels connection;
    private volatile LoopThread loopThread;

    public ShellChannel(Channels channels, ZMQ.Context ctx, HMACDigest hmacGenerator, Channels connection) {
        super(channels, "ShellChannel", ctx, SocketType.ROUTER, hmacGenerator);
        this.connection = connection;
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }
        String name = "ShellChannel-" + ID.getAndIncrement();
        socket.bind(connProps.formatAddress(connProps.shellPort()));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        loopThread = new LoopThread(name, LOOP_SLEEP, () -> poll(poller));
        loopThread.start();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void poll(ZMQ.Poller poller) {
        if (poller.poll(0) <= 0) {
            return;
        }
        Message message = readMessage();
        MessageType type = message.header().type();
        MessageHandler handler = RapaioShell.handler(type, connection);
        if (handler == null) {
            System.err.println("[" + logPrefix + "] no handler for shell message " + type.name());
            return;
        }
        connection.setMsgId(message.getId());
        try {
            handler.handle(message);
        } catch (Exception e) {
            System.err.println("[" + logPrefix + "] shell message " + type.name() + " failed: " + e);
        } finally {
            channels.runAfterActions();
        }
        if (channels.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException e) {
                // as 3.0.1: stop waiting
            }
        }
    }
}
