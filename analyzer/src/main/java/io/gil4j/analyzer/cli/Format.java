package io.gil4j.analyzer.cli;

/** Output formats of both commands. */
public enum Format {
    text, json, html
}
