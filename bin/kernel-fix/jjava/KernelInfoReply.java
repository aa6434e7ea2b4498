package org.dflib.jjava.jupyter.messages.reply;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.shaded.com.google.gson.annotations.SerializedName;

/**
 * Stands in for JJava 1.0a8's class of the same name ({@code bin/lab} puts the JJava fix jar ahead of the kernel
 * jar): the same fields, constructor and methods, plus the {@code status: "ok"} the protocol requires in every
 * reply (without it the reply fails Jupyter's message schema).
 */
public class KernelInfoReply implements ContentType<KernelInfoReply>, ReplyType<KernelInfoRequest> {
    public static final MessageType<KernelInfoReply> MESSAGE_TYPE = MessageType.KERNEL_INFO_REPLY;
    public static final MessageType<KernelInfoRequest> REQUEST_MESSAGE_TYPE = MessageType.KERNEL_INFO_REQUEST;

    @SerializedName("status")
    protected String status = "ok";

    @SerializedName("protocol_version")
    protected String protocolVersion;

    @SerializedName("implementation")
    protected String implementationName;

    @SerializedName("implementation_version")
    protected String implementationVersion;

    @SerializedName("language_info")
    protected LanguageInfo langInfo;

    protected String banner;

    @SerializedName("help_links")
    protected List<HelpLink> helpLinks;

    public KernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
            LanguageInfo langInfo, String banner, List<HelpLink> helpLinks) {
        this.protocolVersion = protocolVersion;
        this.implementationName = implementationName;
        this.implementationVersion = implementationVersion;
        this.langInfo = langInfo;
        this.banner = banner;
        this.helpLinks = helpLinks;
    }

    @Override
    public MessageType<KernelInfoReply> getType() {
        return MESSAGE_TYPE;
    }

    @Override
    public MessageType<KernelInfoRequest> getRequestType() {
        return REQUEST_MESSAGE_TYPE;
    }

    public String getProtocolVersion() {
        return protocolVersion;
    }

    public String getImplementationName() {
        return implementationName;
    }

    public String getImplementationVersion() {
        return implementationVersion;
    }

    public LanguageInfo getLangInfo() {
        return langInfo;
    }

    public String getBanner() {
        return banner;
    }

    public List<HelpLink> getHelpLinks() {
        return helpLinks;
    }
}
