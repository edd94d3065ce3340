package io.gil4j.bootstrap;

/**
 * The type of the last parameter of a held copy: the agent's copy of a method, under the same name,
 * that calls within its class make while they hold the GIL (the agent's {@code HeldCopies}). Its only
 * value is null; the type keeps a copy's descriptor apart from every method a program can declare.
 */
public final class Held {
    private Held() { }
}
