package io.gil4j.agent;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * New files in the temporary directory for what the agent unpacks at start-up (the bootstrap jar, the
 * JVMTI helper). Not {@code Files.createTempFile}: its random names come from {@code SecureRandom},
 * whose set-up costs every JVM's start-up about 20 ms here. The name is the process id and a
 * timestamp; the file is created new (never an existing file or link), so nobody else's file is written.
 */
public final class TempFiles {
    private TempFiles() { }

    public static Path create(String prefix, String suffix) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + pid + "-" + Long.toHexString(System.nanoTime()) + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }
}
