package io.gil4j.demo.seed;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM for the "2 processes" column: the parent's own java binary and
 * JVM options (agent included, so each child gets its own GIL, as each {@code multiprocessing}
 * worker has its own interpreter), its class path, and a different main.
 *
 * <p>Two things must differ from the parent, or the children would overwrite its files: the
 * agent's {@code jfr=} recording and a {@code -XX:StartFlightRecording} {@code filename=} get a
 * {@code .child-K} suffix; a debugger agent ({@code -agentlib:jdwp}) is dropped, its port is taken.
 */
public final class ChildJvmCommand {
    private ChildJvmCommand() {
    }

    /** The command for child {@code childIndex} (1-based) of this JVM. */
    public static List<String> forCurrentJvm(String mainClass, List<String> mainArgs, int childIndex) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return build(java, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), mainClass, mainArgs, childIndex);
    }

    public static List<String> build(String java, List<String> jvmArgs, String classPath,
                                     String mainClass, List<String> mainArgs, int childIndex) {
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String arg : jvmArgs) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")) {
                continue;
            }
            command.add(rewriteForChild(arg, childIndex));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(mainArgs);
        return command;
    }

    static String rewriteForChild(String arg, int childIndex) {
        if (arg.startsWith("-javaagent:") && arg.contains("=")) {
            int eq = arg.indexOf('=');
            return arg.substring(0, eq + 1) + rewriteOption(arg.substring(eq + 1), "jfr=", ',', childIndex);
        }
        if (arg.startsWith("-XX:StartFlightRecording")) {
            return rewriteOption(arg, "filename=", ',', childIndex);
        }
        return arg;
    }

    /** In a {@code sep}-separated list, suffixes the file named by the {@code key} entry. */
    private static String rewriteOption(String list, String key, char sep, int childIndex) {
        String[] parts = list.split(String.valueOf(sep), -1);
        for (int i = 0; i < parts.length; i++) {
            // a StartFlightRecording argument starts with "-XX:StartFlightRecording=filename=..." or ":"
            int at = parts[i].startsWith(key) ? 0 : parts[i].indexOf(key);
            if (at >= 0 && (at == 0 || parts[i].charAt(at - 1) == '=' || parts[i].charAt(at - 1) == ':')) {
                int valueStart = at + key.length();
                parts[i] = parts[i].substring(0, valueStart) + childFileName(parts[i].substring(valueStart), childIndex);
            }
        }
        return String.join(String.valueOf(sep), parts);
    }

    /** {@code out/seed/gil.jfr} becomes {@code out/seed/gil.child-1.jfr}. */
    static String childFileName(String file, int childIndex) {
        int slash = file.lastIndexOf('/');
        int dot = file.lastIndexOf('.');
        if (dot > slash + 1) {
            return file.substring(0, dot) + ".child-" + childIndex + file.substring(dot);
        }
        return file + ".child-" + childIndex;
    }
}
