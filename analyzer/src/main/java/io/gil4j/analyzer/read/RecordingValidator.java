package io.gil4j.analyzer.read;

import io.gil4j.analyzer.AnalyzerException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the framing of a JFR file before the JDK's parser sees it, because the JDK's streaming parser
 * waits forever on an unfinished chunk and silently stops (swallowing the IOException) on a truncated
 * one, which would turn a broken file into a partial report that looks complete.
 *
 * <p>Guarantees on success: every chunk starts with the magic {@code FLR\0}, has version 1.x or 2.x, is
 * marked finished, lies entirely inside the file, the chunks tile the file exactly, and the events of
 * each chunk (size-prefixed, LEB128 varints as the JDK reads them) tile the chunk exactly. It also
 * counts events per type id, so that the reader can verify afterwards that the JDK parser delivered
 * every gil event (see {@link RecordingReader}). Costs one sequential read of the file, no parsing of
 * event payloads (the same work as {@code jfr summary}).
 */
public final class RecordingValidator {
    static final int HEADER_SIZE = 68;
    private static final int FILE_STATE_POSITION = 64;

    private RecordingValidator() {
    }

    /** What the framing check learned about a file. */
    public record Framing(int chunks, long events, Map<Long, Long> eventsPerTypeId) {
    }

    /** Where one chunk lies in the file (its header checked). */
    record Chunk(int number, long start, int size) {
        String where() {
            return number == 1 ? "" : " (chunk " + number + " at byte " + start + ")";
        }
    }

    /**
     * Validates the file's framing.
     *
     * @throws AnalyzerException with a one-line reason when the file is missing, unreadable, not JFR,
     *                           truncated, unfinished or corrupt
     */
    public static Framing validate(Path file) throws AnalyzerException {
        return (Framing) check(file, true);
    }

    /**
     * Checks the chunk headers only (the events' framing is left to the caller's walk, see
     * {@link ChunkDecoder}); same errors as {@link #validate} for everything it checks.
     */
    @SuppressWarnings("unchecked")
    static java.util.List<Chunk> chunks(Path file) throws AnalyzerException {
        return (java.util.List<Chunk>) check(file, false);
    }

    private static Object check(Path file, boolean walk) throws AnalyzerException {
        if (!Files.exists(file)) {
            throw new AnalyzerException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new AnalyzerException(file, "is a directory, not a JFR recording");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return validate(file, ch, walk);
        } catch (NoSuchFileException e) {
            throw new AnalyzerException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new AnalyzerException(file, "permission denied");
        } catch (IOException e) {
            throw new AnalyzerException(file, "cannot read file (" + e.getMessage() + ")");
        }
    }

    private static Object validate(Path file, FileChannel ch, boolean walk) throws IOException, AnalyzerException {
        long size = ch.size();
        if (size == 0) {
            throw new AnalyzerException(file, "empty file, not a JFR recording");
        }
        Map<Long, Long> perType = new HashMap<>();
        java.util.List<Chunk> list = new java.util.ArrayList<>();
        long events = 0;
        int chunks = 0;
        long pos = 0;
        while (pos < size) {
            chunks++;
            ByteBuffer header = readHeader(file, ch, pos, size, chunks);
            long chunkSize = header.getLong(8);
            long constantPoolOffset = header.getLong(16);
            long metadataOffset = header.getLong(24);
            long ticksPerSecond = header.getLong(56);
            byte fileState = header.get(FILE_STATE_POSITION);
            String where = chunks == 1 ? "" : " (chunk " + chunks + " at byte " + pos + ")";
            if (fileState != 0) {
                throw new AnalyzerException(file, "incomplete recording: chunk still marked as being written"
                        + where + "; was the JVM killed before the recording was dumped?");
            }
            if (chunkSize < HEADER_SIZE) {
                throw new AnalyzerException(file, "corrupt recording: invalid chunk size " + chunkSize + where);
            }
            if (chunkSize > size - pos) {
                throw new AnalyzerException(file, "truncated recording: chunk" + where + " needs " + chunkSize
                        + " bytes, only " + (size - pos) + " present");
            }
            if (metadataOffset < HEADER_SIZE || metadataOffset >= chunkSize
                    || constantPoolOffset < 0 || constantPoolOffset >= chunkSize || ticksPerSecond <= 0) {
                throw new AnalyzerException(file, "corrupt recording: invalid chunk header" + where);
            }
            if (chunkSize > Integer.MAX_VALUE) {
                throw new AnalyzerException(file, "unsupported recording: chunk larger than 2 GiB" + where);
            }
            list.add(new Chunk(chunks, pos, (int) chunkSize));
            if (walk) {
                events += walkEvents(file, ch, pos, (int) chunkSize, where, perType);
            }
            pos += chunkSize;
        }
        return walk ? new Framing(chunks, events, perType) : list;
    }

    private static ByteBuffer readHeader(Path file, FileChannel ch, long pos, long size, int chunk)
            throws IOException, AnalyzerException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
        int n = readFully(ch, header, pos);
        boolean magicOk = n >= 4 && header.get(0) == 'F' && header.get(1) == 'L' && header.get(2) == 'R'
                && header.get(3) == 0;
        if (!magicOk) {
            if (chunk == 1) {
                throw new AnalyzerException(file, "not a JFR recording (no FLR magic at the start)");
            }
            if (n < 4) {
                throw new AnalyzerException(file, "truncated recording: chunk header cut at byte " + pos);
            }
            throw new AnalyzerException(file, "corrupt recording: no chunk header at byte " + pos);
        }
        if (n < HEADER_SIZE) {
            throw new AnalyzerException(file, "truncated recording: chunk header cut at byte " + (pos + n)
                    + " of " + size);
        }
        short major = header.getShort(4);
        if (major != 1 && major != 2) {
            throw new AnalyzerException(file, "unsupported JFR file version " + major + "." + header.getShort(6));
        }
        return header;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Walks the size-prefixed events of one chunk; returns how many there are. */
    private static long walkEvents(Path file, FileChannel ch, long chunkStart, int chunkSize, String where,
                                   Map<Long, Long> perType) throws IOException, AnalyzerException {
        MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, chunkStart, chunkSize);
        int p = HEADER_SIZE;
        long count = 0;
        long lastType = Long.MIN_VALUE;
        long[] lastCount = null;
        Map<Long, long[]> local = new HashMap<>();
        while (p < chunkSize) {
            buf.position(p);
            long eventSize = readVarLong(buf, chunkSize);
            long typeId = eventSize > 0 ? readVarLong(buf, chunkSize) : -1;
            if (eventSize <= 0 || eventSize > chunkSize - p || typeId < 0) {
                throw new AnalyzerException(file, "corrupt recording: bad event framing at byte "
                        + (chunkStart + p) + where);
            }
            if (typeId != lastType) {
                lastCount = local.computeIfAbsent(typeId, k -> new long[1]);
                lastType = typeId;
            }
            lastCount[0]++;
            count++;
            p += (int) eventSize;
        }
        local.forEach((k, v) -> perType.merge(k, v[0], Long::sum));
        return count;
    }

    /** JFR's compressed integer (LEB128, the 9th byte carries 8 bits); -1 when it runs past the end. */
    private static long readVarLong(ByteBuffer buf, int limit) {
        long ret = 0;
        for (int i = 0; i < 8; i++) {
            if (buf.position() >= limit) {
                return -1;
            }
            byte b = buf.get();
            ret += (b & 0x7FL) << (7 * i);
            if (b >= 0) {
                return ret;
            }
        }
        if (buf.position() >= limit) {
            return -1;
        }
        return ret + ((buf.get() & 0xFFL) << 56);
    }
}
