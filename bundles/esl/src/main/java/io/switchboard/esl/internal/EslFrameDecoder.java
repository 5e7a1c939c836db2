package io.switchboard.esl.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Cuts the byte stream of an Event Socket into {@link EslMessage}s, whichever way TCP splits it: a header block ended
 * by an empty line, then exactly Content-Length bytes of body when the header says so (bodies may hold empty lines,
 * so only the length frames them). Blank lines before a header block are skipped, as FreeSWITCH does. Limits follow
 * FreeSWITCH's own (10 MiB of headers, 16 MiB of body by default). A frame that breaks the protocol (a line that is
 * no header, a bad or too large Content-Length) raises a {@link CorruptedFrameException} once and the decoder then
 * drops everything after it: the owner of the channel closes it, as nothing that follows can be trusted. A peer that
 * closes in the middle of a frame produces no message.
 */
public final class EslFrameDecoder extends ByteToMessageDecoder {

    /** FreeSWITCH's limits (mod_event_socket): 10 MiB of headers, 16 MiB of body per message. */
    public static final int MAX_HEADER_BYTES = 10 * 1024 * 1024;

    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    /** Bytes of the current header block already searched for its end (partial reads are not searched twice). */
    private int scanned;

    private Map<String, String> headers;
    private int bodyLength;
    private boolean broken;

    public EslFrameDecoder() {
        this(MAX_HEADER_BYTES, MAX_BODY_BYTES);
    }

    public EslFrameDecoder(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                EslMessage m = headers == null ? readHeaders(in) : readBody(in);
                if (m == null) {
                    if (headers == null) {
                        return;
                    }
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    continue;
                }
                out.add(m);
            }
        } catch (CorruptedFrameException | TooLongFrameException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** The message when its header block ends it; null when more bytes are needed (or a body follows). */
    private EslMessage readHeaders(ByteBuf in) {
        while (scanned == 0 && in.isReadable() && isBlank(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int from = start + Math.max(0, scanned - 2);
        for (int i = from; i < end; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int blank = blankLineAfter(in, i + 1, end);
            if (blank == -1) {
                scanned = end - start;
                checkHeaderSize();
                return null;
            }
            if (blank > 0) {
                String block = in.toString(start, i - start, StandardCharsets.UTF_8);
                in.readerIndex(blank);
                scanned = 0;
                return parsed(block);
            }
        }
        scanned = end - start;
        checkHeaderSize();
        return null;
    }

    /** After a line feed: the index past the empty line that follows (LF or CRLF), 0 if none, -1 if unknown yet. */
    private static int blankLineAfter(ByteBuf in, int i, int end) {
        if (i >= end) {
            return -1;
        }
        byte b = in.getByte(i);
        if (b == '\n') {
            return i + 1;
        }
        if (b == '\r') {
            if (i + 1 >= end) {
                return -1;
            }
            return in.getByte(i + 1) == '\n' ? i + 2 : 0;
        }
        return 0;
    }

    private void checkHeaderSize() {
        if (scanned > maxHeaderBytes) {
            throw new TooLongFrameException("Event Socket header block over " + maxHeaderBytes + " bytes");
        }
    }

    private EslMessage parsed(String block) {
        Map<String, String> h = HeaderBlock.parse(block);
        String length = null;
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Length")) {
                length = e.getValue().trim();
            }
        }
        if (length == null) {
            return new EslMessage(h, null);
        }
        int n = contentLength(length);
        if (n == 0) {
            return new EslMessage(h, "");
        }
        headers = h;
        bodyLength = n;
        return null;
    }

    private int contentLength(String value) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CorruptedFrameException("Content-Length is not a number: " + HeaderBlock.excerpt(value));
        }
        if (n < 0) {
            throw new CorruptedFrameException("negative Content-Length: " + n);
        }
        if (n > maxBodyBytes) {
            throw new TooLongFrameException("Content-Length " + n + " is over the limit of " + maxBodyBytes);
        }
        return (int) n;
    }

    private EslMessage readBody(ByteBuf in) {
        if (in.readableBytes() < bodyLength) {
            return null;
        }
        String body = in.readCharSequence(bodyLength, StandardCharsets.UTF_8).toString();
        EslMessage m = new EslMessage(headers, body);
        headers = null;
        bodyLength = 0;
        return m;
    }

    private static boolean isBlank(byte b) {
        return b == '\n' || b == '\r';
    }
}
