package org.linfgrad.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds safetensors files byte by byte, each broken in one named way (the cases of issue 16 among them), with
 * the words the reader's error must contain. The files are written here, not by {@link SafeTensors#write}, so
 * that they can be wrong in every way a foreign or damaged file can.
 */
public final class CorruptSafeTensors {
    private CorruptSafeTensors() {}

    /** A file and the part of the message that reading it must give. */
    public record Case(String name, byte[] bytes, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The header entry of an F32 tensor. */
    public static String entry(String name, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** A file: the header's true length, the header, then {@code dataBytes} bytes of floats 1, 2, 3, ... */
    public static byte[] file(String header, int dataBytes) {
        return file(header.getBytes(StandardCharsets.UTF_8).length, header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    /** A file whose first 8 bytes declare {@code headerLength}, whatever the header's length is. */
    static byte[] file(long headerLength, byte[] header, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.writeBytes(header);
        ByteBuffer data = ByteBuffer.allocate(dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < dataBytes / 4; k++) {
            data.putFloat(k + 1);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** Two tensors of 4 floats, a then b, laid out correctly: the control that reads back. */
    static byte[] valid() {
        return file("{\"__metadata__\":{\"format\":\"x\"}," + entry("a", "[4]", 0, 16) + "," + entry("b", "[2,2]", 16, 32)
                + "}", 32);
    }

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String a = entry("a", "[4]", 0, 16);
        cases.add(new Case("overlapping offsets", file("{" + a + "," + entry("b", "[4]", 8, 24) + "}", 24),
                "'b' starts at byte 8 of the data, inside the tensor before it"));
        cases.add(new Case("a negative offset, into the header", file("{" + entry("a", "[4]", -8, 8) + "}", 16),
                "'a' has data_offsets [-8, 8], not integers with 0 <= begin <= end"));
        cases.add(new Case("offsets near 2^63", file("{" + a + "," + entry("b", "[4]", Long.MAX_VALUE - 16,
                Long.MAX_VALUE) + "}", 32), "'b' starts at byte 9223372036854775791 of the data, leaving a gap"));
        cases.add(new Case("an offset past 2^63", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],"
                + "\"data_offsets\":[9223372036854775808,9223372036854775824]}}", 16),
                "'a' has data_offsets [9223372036854775808, 9223372036854775824], not integers with 0 <= begin <= end < 2^63"));
        cases.add(new Case("offsets that leave a gap", file("{" + a + "," + entry("b", "[4]", 20, 36) + "}", 36),
                "'b' starts at byte 20 of the data, leaving a gap after byte 16"));
        cases.add(new Case("offsets that do not start at 0", file("{" + entry("a", "[4]", 4, 20) + "}", 20),
                "leaving a gap after byte 0"));
        cases.add(new Case("end before begin", file("{" + entry("a", "[0]", 16, 0) + "}", 16),
                "not integers with 0 <= begin <= end"));
        cases.add(new Case("a byte range that does not match the shape", file("{" + entry("a", "[4]", 0, 12) + "}", 12),
                "(12 bytes), but its shape [4] needs 16 bytes of F32"));
        cases.add(new Case("a shape extent of 4294967424 (128 + 2^32)",
                file("{" + entry("a", "[4294967424]", 0, 512) + "}", 512),
                "shape extent 4294967424, not an integer in [0, 2^31)"));
        cases.add(new Case("a negative shape extent", file("{" + entry("a", "[-4]", 0, 16) + "}", 16),
                "shape extent -4"));
        cases.add(new Case("a fractional shape extent", file("{" + entry("a", "[2.5]", 0, 10) + "}", 10),
                "shape extent 2.5"));
        cases.add(new Case("a shape whose product overflows", file("{" + entry("a", "[65536,65536,65536]", 0, 16)
                + "}", 16), "more than 2147483639 elements"));
        cases.add(new Case("extra bytes after the tensors", file("{" + a + "}", 20),
                "cover 16 bytes of data but the file holds 20 after its header (extra bytes)"));
        cases.add(new Case("truncated data", file("{" + a + "," + entry("b", "[4]", 16, 32) + "}", 28),
                "cover 32 bytes of data but the file holds 28 after its header (truncated)"));
        cases.add(new Case("a header 200,000 levels deep", file("{\"__metadata__\":" + "[".repeat(200_000)
                + "]".repeat(200_000) + "}", 0), "nested deeper than 128 levels"));
        cases.add(new Case("a header length of 2^62", file(1L << 62, "{}".getBytes(StandardCharsets.UTF_8), 0),
                "header length 4611686018427387904"));
        cases.add(new Case("a negative header length", file(-2, "{}".getBytes(StandardCharsets.UTF_8), 0),
                "header length -2"));
        cases.add(new Case("a header length past the end of the file", file(1000, "{}".getBytes(StandardCharsets.UTF_8),
                0), "is truncated (header length 1000, file 10 bytes)"));
        cases.add(new Case("a repeated tensor name", file("{" + a + "," + a + "}", 16), "key \"a\" repeated"));
        cases.add(new Case("a header that is not JSON", file("{\"a\":{\"dtype\":\"F32\",", 0),
                "the header is not valid JSON"));
        cases.add(new Case("a header that is not UTF-8", file(4, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, 0),
                "the header is not UTF-8 text"));
        cases.add(new Case("a dtype linfgrad does not read",
                file("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4),
                "dtype F8_E4M3; linfgrad reads F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL"));
        cases.add(new Case("a byte range that does not match a BF16 shape",
                file("{\"a\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16),
                "(16 bytes), but its shape [4] needs 8 bytes of BF16"));
        cases.add(new Case("a tensor without data_offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4]}}", 16),
                "'a' lacks a shape list or a data_offsets pair"));
        cases.add(new Case("three data offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8,16]}}",
                16), "'a' lacks a shape list or a data_offsets pair"));
        cases.add(new Case("a tensor entry that is not an object", file("{\"a\":3}", 0),
                "'a' is not described by an object"));
        cases.add(new Case("metadata that is not strings", file("{\"__metadata__\":{\"epoch\":3}}", 0),
                "__metadata__ 'epoch' is not a string"));
        cases.add(new Case("metadata that is not an object", file("{\"__metadata__\":[]}", 0),
                "__metadata__ is not an object"));
        cases.add(new Case("fewer than 8 bytes", new byte[] {1, 2, 3}, "not a safetensors file: 3 bytes"));
        return cases;
    }
}
