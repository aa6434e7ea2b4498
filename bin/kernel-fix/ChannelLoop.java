package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * What bin/kernel-fix's {@code ShellChannel} and {@code ControlChannel} share (not a rapaio class; rapaio 3.0.1
 * repeats it in both, and its {@code AbstractChannel} is sealed): the channel's socket polled by a
 * {@link LoopThread}, and each request run by its handler as 3.0.1 runs it, with the request as the current
 * parent message, then the after-actions it scheduled, then the shutdown it may have asked for.
 */
final class ChannelLoop {

    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private final AbstractChannel channel;
    private final Channels channels; // also how LoopThread finds the Channels to wait for
    private final Consumer<Message<?>> receiver;
    private volatile LoopThread loopThread;

    /** A loop for {@code channel} that passes each request it reads to {@code receiver}. */
    ChannelLoop(AbstractChannel channel, Consumer<Message<?>> receiver) {
        this.channel = channel;
        this.channels = channel.channels;
        this.receiver = receiver;
    }

    /** Binds the channel's socket to {@code address} and starts polling it. */
    void start(String address) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }
        channel.socket.bind(address);
        ZMQ.Poller poller = channel.ctx.poller(1);
        poller.register(channel.socket, ZMQ.Poller.POLLIN);
        loopThread = new LoopThread(channel.channelName + "-" + ID.getAndIncrement(), LOOP_SLEEP, () -> poll(poller));
        loopThread.start();
    }

    private void poll(ZMQ.Poller poller) {
        if (poller.poll(0) > 0) {
            receiver.accept(channel.readMessage());
        }
    }

    /** Runs {@code handler} on {@code message} as 3.0.1 does (see the class comment); null: says so. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    void dispatch(Message message, MessageHandler handler) {
        MessageType type = message.header().type();
        if (handler == null) {
            System.err.println("[" + channel.logPrefix + "] no handler for " + type.name());
            return;
        }
        channels.setMsgId(message.getId());
        try {
            handler.handle(message);
        } catch (Exception e) {
            System.err.println("[" + channel.logPrefix + "] " + type.name() + " failed: " + e);
        } finally {
            channels.runAfterActions();
        }
        if (channels.isMarkedForShutdown()) {
            channels.close();
        }
    }

    /** Asks the loop to stop after its current turn. */
    void stop() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
    }

    /** Waits until the loop has stopped. */
    void join() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException e) {
                // as 3.0.1: stop waiting
            }
        }
    }
}
