package io.gil4j.demo.cli;

/** A bad command line: {@link io.gil4j.demo.Main} prints the message as one line and exits with 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
