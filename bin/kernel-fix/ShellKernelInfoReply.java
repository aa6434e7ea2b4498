package org.rapaio.jupyter.kernel.message.messages;

import java.util.List;
import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's record of the same name ({@code bin/lab} puts bin/kernel-fix ahead of
 * the kernel jar): the same fields and constructor, plus the {@code status: "ok"} the protocol requires in every
 * reply (without it the reply fails Jupyter's message schema).
 */
public record ShellKernelInfoReply(
        @SerializedName("protocol_version") String protocolVersion,
        @SerializedName("implementation") String implementationName,
        @SerializedName("implementation_version") String implementationVersion,
        @SerializedName("language_info") LanguageInfo langInfo,
        @SerializedName("banner") String banner,
        @SerializedName("help_links") List<LanguageInfo.Help> helpLinks,
        @SerializedName("status") String status) implements ContentType<ShellKernelInfoReply> {

    /** The constructor rapaio calls. */
    public ShellKernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
            LanguageInfo langInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        this(protocolVersion, implementationName, implementationVersion, langInfo, banner, helpLinks, "ok");
    }

    @Override
    public MessageType<ShellKernelInfoReply> type() {
        return MessageType.SHELL_KERNEL_INFO_REPLY;
    }
}
