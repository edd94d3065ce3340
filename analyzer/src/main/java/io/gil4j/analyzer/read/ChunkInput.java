package io.gil4j.analyzer.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one chunk of a JFR file, read in pieces: the metadata event, each checkpoint and windows
 * of the event stream are loaded into a buffer on demand, so memory depends on the largest piece, not on
 * the chunk (chunks of big recordings are tens of MB; see BENCHMARKS.md, bounded memory).
 *
 * <p>Every read is bounded by {@link #limit}, the end of the event (or checkpoint, or metadata) it
 * belongs to, and fails with {@link ChunkDecoder.Corrupt} rather than reading past it. Offsets in
 * messages are absolute file offsets ({@link #base} is where {@code b[0]} lies in the file).
 */
final class ChunkInput {
    /** The longest varint: 8 bytes of 7 bits and a 9th of 8. */
    static final int MAX_VARINT = 9;
    /** Bytes the buffer keeps past what was loaded, so that {@link #readLong} may look ahead. */
    static final int PADDING = 16;

    final long chunkStart;
    final int chunkSize;
    final String where;
    private final FileChannel channel;
    byte[] b;
    int pos;
    int limit;
    long base;
    /** Chunk offset of {@code b[0]} and the number of loaded bytes. */
    int loadedFrom;
    int loaded;
    /** The metadata's java.lang.String type, for pooled string references (null until metadata is read). */
    ChunkMetadata.Type stringType;

    /** The file ended before a chunk that its header said was there (it shrank while being read). */
    static final class FileShrank extends IOException {
        FileShrank() {
            super("the file shrank while being read");
        }
    }

    /** {@code buffer}: reused between the chunks of a file (it may grow; the grown one is {@link #b}). */
    ChunkInput(FileChannel channel, long chunkStart, int chunkSize, String where, byte[] buffer) {
        this.channel = channel;
        this.chunkStart = chunkStart;
        this.chunkSize = chunkSize;
        this.where = where;
        this.b = buffer;
    }

    /**
     * Loads {@code length} bytes of the chunk from {@code offset} to {@code b[0]}; pos = 0, limit = length.
     * The buffer grows to the longest piece asked for (events: a window; metadata, checkpoints: their size).
     */
    void load(int offset, int length) throws IOException {
        if (b.length < length + PADDING) {
            b = new byte[(int) Math.max(length, Math.min(2L * b.length, chunkSize)) + PADDING];
        }
        ByteBuffer bb = ByteBuffer.wrap(b, 0, length);
        while (bb.hasRemaining()) {
            if (channel.read(bb, chunkStart + offset + bb.position()) < 0) {
                throw new FileShrank();
            }
        }
        loadedFrom = offset;
        loaded = length;
        base = chunkStart + offset;
        pos = 0;
        limit = length;
    }

    /** A raw big-endian long of the chunk header, which the reader has already checked is there. */
    static long headerLong(byte[] header, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (header[p + i] & 0xFFL);
        }
        return v;
    }

    ChunkDecoder.Corrupt eof() {
        return new ChunkDecoder.Corrupt("value runs past its event at byte " + (base + pos) + where);
    }

    /**
     * JFR's compressed integer (LEB128, the 9th byte carries 8 bits). Straight-line code that may look at
     * up to 9 bytes past the limit (the buffer has {@link #PADDING} bytes more than was loaded) and
     * checks afterwards that the varint ended before the limit: per-byte checks in a loop made C2 hoist
     * range checks that failed, and deoptimized the decoder, whenever a read came near a buffer's end.
     */
    long readLong() throws ChunkDecoder.Corrupt {
        byte[] b = this.b;
        int p = pos;
        long x = b[p];
        if (x >= 0) {
            return end(p + 1, x);
        }
        long ret = x & 0x7F;
        x = b[p + 1];
        if (x >= 0) {
            return end(p + 2, ret + (x << 7));
        }
        ret += (x & 0x7F) << 7;
        x = b[p + 2];
        if (x >= 0) {
            return end(p + 3, ret + (x << 14));
        }
        return readLongTail(p, ret + ((x & 0x7F) << 14));
    }

    /** Bytes 4 to 9 of a varint. */
    private long readLongTail(int p, long ret) throws ChunkDecoder.Corrupt {
        byte[] b = this.b;
        for (int i = 3; i < 8; i++) {
            long x = b[p + i];
            ret += (x & 0x7F) << (7 * i);
            if (x >= 0) {
                return end(p + i + 1, ret);
            }
        }
        return end(p + 9, ret + ((b[p + 8] & 0xFFL) << 56));
    }

    /** Ends a varint read at {@code next}: an error (pos unchanged, as the message needs) past the limit. */
    private long end(int next, long value) throws ChunkDecoder.Corrupt {
        if (next > limit) {
            throw eof();
        }
        pos = next;
        return value;
    }

    int readInt() throws ChunkDecoder.Corrupt {
        return (int) readLong();
    }

    byte readByte() throws ChunkDecoder.Corrupt {
        if (pos >= limit) {
            throw eof();
        }
        return b[pos++];
    }

    long readRaw(int bytes) throws ChunkDecoder.Corrupt {
        if (limit - pos < bytes) {
            throw eof();
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (b[pos++] & 0xFFL);
        }
        return v;
    }

    /** A count or length that must fit in what is left (every element takes at least a byte). */
    int readCount(String what) throws ChunkDecoder.Corrupt {
        int n = readInt();
        if (n < 0 || n > limit - pos) {
            throw new ChunkDecoder.Corrupt("invalid " + what + " " + n + " at byte " + (base + pos) + where);
        }
        return n;
    }

    /** A string as JFR encodes it: a String, or a {@link ConstantPools.Ref} into the string pool, or null. */
    Object readString() throws ChunkDecoder.Corrupt {
        byte encoding = readByte();
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                return new ConstantPools.Ref(stringType, readLong());
            case 3, 5: {
                int n = readCount("string length");
                String s = new String(b, pos, n, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                pos += n;
                return s;
            }
            case 4: {
                int n = readCount("string length");
                char[] c = new char[n];
                for (int i = 0; i < n; i++) {
                    c[i] = (char) readLong();
                }
                return new String(c);
            }
            default:
                throw new ChunkDecoder.Corrupt("unknown string encoding " + encoding + " at byte " + (base + pos - 1)
                        + where);
        }
    }
}
