package lab.kernelfix;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.magic.MagicInspectResult;
import org.rapaio.jupyter.kernel.core.magic.MagicIsCompleteResult;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryReply;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectReply;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellIsCompleteRequest;

/**
 * The shell requests bin/kernel-fix answers in place of rapaio-jupyter-kernel 3.0.1 (its {@code ShellChannel} asks
 * here for each request's handler): {@code history_request} (3.0.1 logs "not implemented" and never replies),
 * {@code is_complete_request} (3.0.1 calls {@code int z = );} complete; see {@link Completeness}) and
 * {@code inspect_request} (3.0.1 finds nothing with the cursor at the end of a word; see {@link Inspection}).
 * Magics are still asked first, as in 3.0.1. Every other request goes to rapaio's own handler; an
 * {@code execute_request} is also noted in {@link #HISTORY}.
 */
public final class RapaioShell {

    /** This kernel's cells; {@code IOPubExecuteResult} adds their outputs. */
    public static final History HISTORY = new History();

    // rapaio 3.0.1 numbers every execute_request from 1 (RapaioKernel.executionCount), silent ones too; the shell
    // channel passes each one here first, so this count is the execution count the cell gets.
    private static final AtomicInteger EXECUTION = new AtomicInteger(1);

    private RapaioShell() {}

    /** The handler for a shell request of {@code type}: one of these, or rapaio's own from {@code channels}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static MessageHandler handler(MessageType type, Channels channels) {
        MessageHandler own = channels.getHandler(type);
        if (type == MessageType.SHELL_HISTORY_REQUEST) {
            return message -> history(channels, (Message<ShellHistoryRequest>) message);
        }
        if (type == MessageType.SHELL_IS_COMPLETE_REQUEST) {
            return message -> isComplete(channels, (Message<ShellIsCompleteRequest>) message);
        }
        if (type == MessageType.SHELL_INSPECT_REQUEST) {
            return message -> inspect(channels, (Message<ShellInspectRequest>) message);
        }
        if (type == MessageType.SHELL_EXECUTE_REQUEST && own != null) {
            return message -> {
                ShellExecuteRequest request = (ShellExecuteRequest) message.content();
                int line = EXECUTION.getAndIncrement();
                if (request.storeHistory() && !request.silent()) {
                    HISTORY.input(line, request.code());
                }
                own.handle(message);
            };
        }
        return own;
    }

    private static void history(Channels channels, Message<ShellHistoryRequest> message) {
        ShellHistoryRequest request = message.content();
        channels.busyThenIdle();
        boolean output = request.includeOutput();
        List<List<Object>> entries;
        if (request instanceof ShellHistoryRequest.Tail tail) {
            entries = HISTORY.tail(tail.getMaxReturnLength(), output);
        } else if (request instanceof ShellHistoryRequest.Range range) {
            entries = HISTORY.range(range.getSessionIndex(), range.getStart(), range.getStop(), output);
        } else if (request instanceof ShellHistoryRequest.Search search) {
            entries = HISTORY.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), output);
        } else {
            entries = List.of();
        }
        channels.reply(new ShellHistoryReply(entries));
    }

    private static void isComplete(Channels channels, Message<ShellIsCompleteRequest> message) {
        String code = message.content().code();
        channels.busyThenIdle();
        RapaioKernel kernel = MainApp.kernel;
        MagicIsCompleteResult magic = kernel.magicEngine().isComplete(kernel, code);
        if (magic.handled()) {
            channels.reply(magic.buildReply());
            return;
        }
        Completeness.Result result = Completeness.of(code, kernel.javaEngine().getSourceAnalysis());
        channels.reply(switch (result.status()) {
            case Completeness.COMPLETE -> ShellIsCompleteReply.complete();
            case Completeness.INCOMPLETE -> ShellIsCompleteReply.incomplete(result.indent());
            default -> ShellIsCompleteReply.invalid();
        });
    }

    private static void inspect(Channels channels, Message<ShellInspectRequest> message) {
        ShellInspectRequest request = message.content();
        channels.busyThenIdle();
        RapaioKernel kernel = MainApp.kernel;
        try {
            MagicInspectResult magic = kernel.magicEngine().inspect(kernel.executionContext(), request.code(),
                    request.cursorPos());
            DisplayData found = magic.handled() ? magic.displayData() : null;
            if (!magic.handled()) {
                for (Inspection.Query query : Inspection.queries(request.code(), request.cursorPos())) {
                    // rapaio's JavaEngine.inspect asks JShell at its cursor + 1 (and renders what it finds).
                    found = query.cursor() > 0 ? kernel.javaEngine().inspect(query.code(), query.cursor() - 1) : null;
                    if (found != null) {
                        break;
                    }
                }
            }
            channels.reply(new ShellInspectReply(found != null, found));
        } catch (Exception e) {
            channels.replyError(MessageType.SHELL_INSPECT_REPLY.newError(), ErrorReply.of(kernel, e, 0));
        }
    }
}
