package org.rapport.server.bulkimport;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening source files: plain or gzip (recognised by its magic bytes, whatever the name), with progress in file bytes. */
final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * The decompressed content of {@code file}. Progress advances by the bytes read from the file
     * itself (compressed bytes for gzip), so a phase sized by the file length ends at 100%.
     */
    static InputStream open(Path file, ImportProgress progress) throws IOException {
        InputStream raw = new ProgressStream(Files.newInputStream(file), progress);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        }
        return buffered;
    }

    /** Total size of the given files, for a progress phase. */
    static long size(Iterable<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // The open that follows reports it.
            }
        }
        return total;
    }

    private static final class ProgressStream extends FilterInputStream {
        private final ImportProgress progress;

        ProgressStream(InputStream in, ImportProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.advance(n);
            }
            return n;
        }
    }
}
