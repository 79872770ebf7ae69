package io.crossroot.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The constant pool of a class file: enough of it to list the classes and methods the class refers to. */
public record ConstantPool(Object[] entries, int thisClassIndex) {
    public static ConstantPool read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Object[] entries = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> entries[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> entries[i] = new int[] {tag, in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two slots
                }
                case 9, 10, 11, 12, 17, 18 ->
                    entries[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> entries[i] = new int[] {tag, in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        return new ConstantPool(entries, in.readUnsignedShort());
    }

    public String thisClass() {
        return className(thisClassIndex);
    }

    /** "owner.name(descriptor)" of every method and interface method reference. */
    public List<String> methodReferences() {
        List<String> out = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof int[] ref && (ref[0] == 10 || ref[0] == 11)) {
                int[] nameAndType = (int[]) entries[ref[2]];
                out.add(className(ref[1]) + "." + entries[nameAndType[1]] + entries[nameAndType[2]]);
            }
        }
        return out;
    }

    /** Every text of the pool: class names, and the field, method and generic signatures that name types. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private String className(int index) {
        return (String) entries[((int[]) entries[index])[1]];
    }
}
