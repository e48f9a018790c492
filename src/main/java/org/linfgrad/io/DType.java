package org.linfgrad.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The safetensors element types linfgrad reads, each into float32 (a linfgrad tensor is float32), little-endian:
 * <ul>
 *   <li>F32, F16, BF16: exactly (every half and bfloat16 value is a float);</li>
 *   <li>F64: rounded to the nearest float; a magnitude beyond float's range becomes an infinity (which a
 *   checkpoint then refuses as not finite);</li>
 *   <li>I8, U8, I16: exactly; I32 and I64: exactly up to 2^24 in magnitude, rounded to the nearest float
 *   beyond;</li>
 *   <li>BOOL: 0 for the byte 0, 1 for any other.</li>
 * </ul>
 * linfgrad writes F32, and U8 for tensors of small whole numbers such as kept-edge masks.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The bytes of one element. */
    public int bytes() {
        return bytes;
    }

    /** The type of this safetensors name ({@code "BF16"}), if linfgrad reads it. */
    static Optional<DType> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every name, for a message: {@code F64, F32, ...}. */
    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Reads the next element of {@code in} (little-endian) as a float, as the class comment says. */
    float read(ByteBuffer in) {
        return switch (this) {
            case F64 -> (float) in.getDouble();
            case F32 -> in.getFloat();
            case F16 -> Float.float16ToFloat(in.getShort());
            case BF16 -> Float.intBitsToFloat(in.getShort() << 16);
            case I64 -> (float) in.getLong();
            case I32 -> (float) in.getInt();
            case I16 -> in.getShort();
            case I8 -> in.get();
            case U8 -> in.get() & 0xff;
            case BOOL -> in.get() == 0 ? 0 : 1;
        };
    }

    /**
     * Writes {@code value} to {@code out} as an element of this type; linfgrad writes only F32 and U8.
     *
     * @throws IllegalArgumentException for a U8 value that is not a whole number in [0, 255], or another type
     */
    void write(ByteBuffer out, float value) {
        switch (this) {
            case F32 -> out.putFloat(value);
            case U8 -> {
                if (!(value >= 0 && value <= 255 && value == Math.rint(value))) {
                    throw new IllegalArgumentException("U8 holds whole numbers in [0, 255], not " + value);
                }
                out.put((byte) value);
            }
            default -> throw new IllegalArgumentException("linfgrad writes F32 and U8 tensors, not " + this);
        }
    }
}
