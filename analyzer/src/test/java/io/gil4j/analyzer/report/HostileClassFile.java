package io.gil4j.analyzer.report;

import io.gil4j.agent.testevents.Emit;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A class file, built by hand, whose class and method names are hostile strings (there is no ASM on this test class path). */
final class HostileClassFile {
    private HostileClassFile() { }

    static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] b) {
            return defineClass(name, b, 0, b.length);
        }
    }

    /**
     * {@code public final class NAME { public static void METHOD(String reason, long nanos) {
     * Emit.waitFor(reason, 1, nanos); } }} with line number 7, as a version 52 class file (no stack map
     * frames needed for straight-line code). Names are written in modified UTF-8 as class files hold them.
     */
    static byte[] classBytes(String internalName, String method) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(52);
        out.writeShort(15); // constant pool count: entries 1..14
        utf8(out, internalName);                            // 1
        out.writeByte(7); out.writeShort(1);                 // 2 Class this
        utf8(out, "java/lang/Object");                       // 3
        out.writeByte(7); out.writeShort(3);                 // 4 Class super
        utf8(out, method);                                   // 5
        utf8(out, "(Ljava/lang/String;J)V");                 // 6
        utf8(out, Emit.class.getName().replace('.', '/'));   // 7
        out.writeByte(7); out.writeShort(7);                 // 8 Class Emit
        utf8(out, "waitFor");                                // 9
        utf8(out, "(Ljava/lang/String;IJ)V");                // 10
        out.writeByte(12); out.writeShort(9); out.writeShort(10); // 11 NameAndType
        out.writeByte(10); out.writeShort(8); out.writeShort(11); // 12 Methodref Emit.waitFor
        utf8(out, "Code");                                   // 13
        utf8(out, "LineNumberTable");                        // 14
        out.writeShort(0x0031); // public final super
        out.writeShort(2);
        out.writeShort(4);
        out.writeShort(0); // interfaces
        out.writeShort(0); // fields
        out.writeShort(1); // methods
        out.writeShort(0x0009); // public static
        out.writeShort(5);
        out.writeShort(6);
        out.writeShort(1); // attributes: Code
        byte[] code = {0x2a, 0x04, 0x1f, (byte) 0xb8, 0x00, 0x0c, (byte) 0xb1}; // aload_0 iconst_1 lload_1 invokestatic #12 return
        out.writeShort(13);
        out.writeInt(2 + 2 + 4 + code.length + 2 + 2 + (2 + 4 + 2 + 4));
        out.writeShort(4); // max stack
        out.writeShort(3); // max locals
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0); // exception table
        out.writeShort(1); // attributes: LineNumberTable
        out.writeShort(14);
        out.writeInt(2 + 4);
        out.writeShort(1);
        out.writeShort(0);
        out.writeShort(7);
        out.writeShort(0); // class attributes
        out.flush();
        return b.toByteArray();
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s);
    }
}
