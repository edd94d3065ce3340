package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hook's part that a unit test can reach without creating this JVM's platform MBean server (that
 * happens once per JVM; JmxIT and TopIT check it in child JVMs): it goes in only where the program
 * names no builder of its own, and servers a program creates for itself are built as usual and get
 * nothing.
 */
class PlatformServerHookTest {
    private String saved;
    private final List<MBeanServer> registeredInto = new CopyOnWriteArrayList<>();

    @BeforeEach
    void saveProperty() {
        saved = System.getProperty(PlatformServerHook.PROPERTY);
        System.clearProperty(PlatformServerHook.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) System.clearProperty(PlatformServerHook.PROPERTY);
        else System.setProperty(PlatformServerHook.PROPERTY, saved);
    }

    @Test
    void aProgramsOwnBuilderWins() {
        System.setProperty(PlatformServerHook.PROPERTY, "com.example.TheirBuilder");
        assertThat(PlatformServerHook.install(registeredInto::add)).isFalse();
        assertThat(System.getProperty(PlatformServerHook.PROPERTY)).isEqualTo("com.example.TheirBuilder");
    }

    @Test
    void installedItBuildsTheProgramsOwnServersAsTheJdkWouldAndRegistersNothingInThem() throws Exception {
        assertThat(PlatformServerHook.install(registeredInto::add)).isTrue();
        assertThat(System.getProperty(PlatformServerHook.PROPERTY)).isEqualTo(PlatformServerHook.class.getName());
        MBeanServer own = MBeanServerFactory.newMBeanServer("ours");
        assertThat(own.getDefaultDomain()).isEqualTo("ours");
        assertThat(registeredInto).as("not the platform server: nothing registered").isEmpty();
        ObjectName name = new ObjectName("test:type=Probe");
        own.registerMBean(new Probe(), name);
        assertThat(own.getAttribute(name, "Answer")).as("a working server").isEqualTo(42);
        assertThat(PlatformServerHook.install(registeredInto::add)).as("installed once").isFalse();
    }

    @Test
    void thePlatformServerGetsTheBeanOnceAndThePropertyIsClearedAfterIt() {
        assertThat(PlatformServerHook.install(registeredInto::add)).isTrue();
        MBeanServer own = new PlatformServerHook(() -> false).newMBeanServer("own", null, new MBeanServerDelegate());
        assertThat(registeredInto).as("a server of the program's own first").isEmpty();
        assertThat(System.getProperty(PlatformServerHook.PROPERTY)).isEqualTo(PlatformServerHook.class.getName());

        MBeanServer platform = new PlatformServerHook(() -> true).newMBeanServer("DefaultDomain", null, new MBeanServerDelegate());
        assertThat(platform).isNotSameAs(own);
        assertThat(registeredInto).containsExactly(platform);
        assertThat(System.getProperty(PlatformServerHook.PROPERTY)).as("later servers are the JDK's again").isNull();

        new PlatformServerHook(() -> true).newMBeanServer("DefaultDomain", null, new MBeanServerDelegate());
        assertThat(registeredInto).as("registered once").hasSize(1);
    }

    @Test
    void theBeanGoesIntoTheOuterServerWhereOneWrapsThePlatformServer() {
        assertThat(PlatformServerHook.install(registeredInto::add)).isTrue();
        MBeanServer outer = MBeanServerFactory.newMBeanServer("outer");
        MBeanServer inner = new PlatformServerHook(() -> true).newMBeanServer("DefaultDomain", outer, new MBeanServerDelegate());
        assertThat(inner).isNotSameAs(outer);
        assertThat(registeredInto).containsExactly(outer);
    }

    @Test
    void aBuilderThePropertyNamesSinceIsLeftInPlace() {
        assertThat(PlatformServerHook.install(registeredInto::add)).isTrue();
        System.setProperty(PlatformServerHook.PROPERTY, "com.example.TheirBuilder");
        new PlatformServerHook(() -> true).newMBeanServer("DefaultDomain", null, new MBeanServerDelegate());
        assertThat(registeredInto).hasSize(1);
        assertThat(System.getProperty(PlatformServerHook.PROPERTY)).isEqualTo("com.example.TheirBuilder");
    }

    @Test
    void aServerBuiltFromAnOrdinaryStackIsNotThePlatformServer() {
        assertThat(PlatformServerHook.install(registeredInto::add)).isTrue();
        new PlatformServerHook().newMBeanServer("DefaultDomain", null, new MBeanServerDelegate());
        assertThat(registeredInto).isEmpty();
    }

    public interface ProbeMBean {
        int getAnswer();
    }

    public static final class Probe implements ProbeMBean {
        @Override public int getAnswer() { return 42; }
    }
}
