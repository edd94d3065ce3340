package io.gil4j.analyzer.it;

import io.gil4j.analyzer.GilEventNames;
import jdk.jfr.Event;
import jdk.jfr.Name;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer keeps its own copy of the event names (it never links against the agent). This reads the
 * {@code @Name} of every event class the agent ships ({@code io.gil4j.agent.jfr.*Event} in gil.jar,
 * loaded through a URLClassLoader without starting the agent) and requires the same set as
 * {@link GilEventNames#ALL}: an event renamed, added or dropped on either side fails here.
 */
class EventNamesMatchAgentIT {
    private static final String EVENT_PACKAGE = "io/gil4j/agent/jfr/";

    @Test
    void analyzerNamesEqualAgentNames() throws Exception {
        Set<String> agent = new TreeSet<>();
        try (JarFile jar = new JarFile(AgentRun.agentJar().toFile());
             URLClassLoader loader = new URLClassLoader(new URL[]{AgentRun.agentJar().toUri().toURL()},
                     ClassLoader.getPlatformClassLoader())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (entry.startsWith(EVENT_PACKAGE) && entry.endsWith("Event.class")
                        && entry.indexOf('/', EVENT_PACKAGE.length()) < 0 && !entry.contains("$")) {
                    String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    // initialize=false: event classes need no static set-up to expose their annotations
                    Class<?> c = Class.forName(className, false, loader);
                    assertThat(Event.class.isAssignableFrom(c)).as(className + " is a JFR event").isTrue();
                    Name name = c.getAnnotation(Name.class);
                    assertThat(name).as(className + " has @Name").isNotNull();
                    agent.add(name.value());
                }
            }
        }
        assertThat(agent).as("event names in the agent jar").isNotEmpty();
        assertThat(agent).isEqualTo(new TreeSet<>(GilEventNames.ALL));
    }
}
