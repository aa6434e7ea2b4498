package lab.kernelfix;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.reply.IsCompleteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.kernel.JavaKernel;
import org.dflib.jjava.shaded.com.google.gson.annotations.SerializedName;

/**
 * The shell requests the JJava fix answers in place of JJava 1.0a8 ({@code JupyterConnection} installs these
 * handlers before it connects): {@code history_request} (JJava has no history and never replies),
 * {@code is_complete_request} (JJava calls {@code int z = );} complete; see {@link Completeness}) and
 * {@code inspect_request} (JJava finds nothing with the cursor at the end of a word; see {@link Inspection}).
 * An {@code execute_request} still runs through JJava's own handler and is also noted in {@link #HISTORY}.
 */
public final class JJavaShell {

    /** This kernel's cells; {@code PublishExecuteResult} adds their outputs. */
    public static final History HISTORY = new History();

    // JJava 1.0a8 numbers every execute_request from 1 (BaseKernel.executionCount), silent ones too; its handler is
    // reached only through the one installed here, so this count is the execution count the cell gets.
    private static final AtomicInteger EXECUTION = new AtomicInteger(1);

    private JJavaShell() {}

    /** Replaces the handlers of {@code connection} for the requests above; JJava's own stay for all others. */
    public static void install(JupyterConnection connection) {
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        if (execute != null) {
            connection.setHandler(MessageType.EXECUTE_REQUEST, (env, message) -> {
                ExecuteRequest request = message.getContent();
                int line = EXECUTION.getAndIncrement();
                if (request.shouldStoreHistory() && !request.isSilent()) {
                    HISTORY.input(line, request.getCode());
                }
                execute.handle(env, message);
            });
        }
        connection.setHandler(MessageType.HISTORY_REQUEST, JJavaShell::history);
        connection.setHandler(MessageType.IS_COMPLETE_REQUEST, JJavaShell::isComplete);
        connection.setHandler(MessageType.INSPECT_REQUEST, JJavaShell::inspect);
    }

    @SuppressWarnings("unchecked")
    private static void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        boolean output = request.includeOutput();
        List<List<Object>> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = HISTORY.tail(tail.getMaxReturnLength(), output);
        } else if (request instanceof HistoryRequest.Range range) {
            entries = HISTORY.range(range.getSessionIndex(), range.getStart(), range.getStop(), output);
        } else if (request instanceof HistoryRequest.Search search) {
            entries = HISTORY.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), output);
        } else {
            entries = List.of();
        }
        env.reply(new Reply(entries));
    }

    private static void isComplete(ShellReplyEnvironment env, Message<IsCompleteRequest> message) {
        env.setBusyDeferIdle();
        Completeness.Result result = Completeness.of(message.getContent().getCode(),
                kernel().getJShell().sourceCodeAnalysis());
        env.reply(switch (result.status()) {
            case Completeness.COMPLETE -> IsCompleteReply.VALID_CODE;
            case Completeness.INCOMPLETE -> IsCompleteReply.getIncompleteReplyWithIndent(result.indent());
            default -> IsCompleteReply.INVALID_CODE;
        });
    }

    private static void inspect(ShellReplyEnvironment env, Message<InspectRequest> message) {
        InspectRequest request = message.getContent();
        env.setBusyDeferIdle();
        try {
            DisplayData found = null;
            for (Inspection.Query query : Inspection.queries(request.getCode(), request.getCursorPos())) {
                // JJava's JavaKernel.inspect asks JShell at its cursor + 1 (and renders what it finds).
                found = query.cursor() > 0
                        ? kernel().inspect(query.code(), query.cursor() - 1, request.getDetailLevel() > 0) : null;
                if (found != null) {
                    break;
                }
            }
            env.reply(new InspectReply(found != null, DisplayData.emptyIfNull(found)));
        } catch (Exception e) {
            env.replyError(InspectReply.MESSAGE_TYPE.error(), ErrorReply.of(e));
        }
    }

    private static JavaKernel kernel() {
        return (JavaKernel) BaseKernel.notebookKernel();
    }

    /** A {@code history_reply} (JJava's own HistoryReply has no status and no way to send an output of none). */
    @SuppressWarnings("rawtypes")
    private static final class Reply implements ContentType {
        @SerializedName("status")
        private final String status = "ok";
        @SerializedName("history")
        private final List<List<Object>> history;

        Reply(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        public MessageType getType() {
            return MessageType.HISTORY_REPLY;
        }
    }
}
