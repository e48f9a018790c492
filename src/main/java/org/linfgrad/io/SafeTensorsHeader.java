package org.linfgrad.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linfgrad.tensor.Shape;

/**
 * A safetensors header, checked as Python's (Rust) safetensors checks it before any tensor data is read, so
 * that a corrupt file is refused instead of loading wrong numbers or allocating what it asks for:
 * <ul>
 *   <li>the header is one JSON object (nesting bounded by {@link Json#MAX_DEPTH}, no repeated names; integers
 *   of any length are read exactly, so an offset past 2^63 is refused as such);</li>
 *   <li>{@code __metadata__}, when present, maps names to strings;</li>
 *   <li>every other entry is {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}} with a dtype of
 *   {@link DType}, extents that are non-negative integers fitting an int, at most {@value #MAX_ELEMENTS}
 *   elements, and offsets that are non-negative integers with {@code end - begin = elements * (bytes of the
 *   dtype)};</li>
 *   <li>the offsets, sorted, tile the data buffer: the first begins at 0, each begins where the one before
 *   ends, and the last ends where the file does, so that no two tensors overlap, none points into the header
 *   and no byte is left over.</li>
 * </ul>
 *
 * @param entries  the tensors in header order
 * @param metadata the string metadata
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    /** The most elements a tensor may have: the longest Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** One tensor: its name, element type, shape and byte range in the data buffer. */
    record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        int elements() {
            return Shape.size(shape);
        }
    }

    /** Parses and checks {@code json}, the header of {@code path}, whose data buffer holds {@code dataLength} bytes. */
    static SafeTensorsHeader parse(Path path, String json, long dataLength) throws IOException {
        JsonObject root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": the header is not valid JSON (" + e.getMessage() + "); the file is corrupt");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                metadata = metadata(path, e.getValue());
            } else {
                entries.add(entry(path, e.getKey(), e.getValue()));
            }
        }
        checkTiling(path, entries, dataLength);
        return new SafeTensorsHeader(List.copyOf(entries), metadata);
    }

    private static Map<String, String> metadata(Path path, JsonElement value) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!(value instanceof JsonObject map)) {
            throw corrupt(path, "__metadata__ is not an object");
        }
        for (Map.Entry<String, JsonElement> m : map.entrySet()) {
            if (!(m.getValue() instanceof JsonPrimitive text && text.isString())) {
                throw corrupt(path, "__metadata__ '" + m.getKey() + "' is not a string");
            }
            metadata.put(m.getKey(), text.getAsString());
        }
        return metadata;
    }

    private static Entry entry(Path path, String name, JsonElement value) throws IOException {
        if (!(value instanceof JsonObject info)) {
            throw corrupt(path, "tensor '" + name + "' is not described by an object");
        }
        JsonElement dtypeJson = info.get("dtype");
        DType dtype = dtypeJson instanceof JsonPrimitive d && d.isString() ? DType.named(d.getAsString()).orElse(null)
                : null;
        if (dtype == null) {
            throw new IOException(path + ": tensor '" + name + "' has dtype "
                    + (dtypeJson instanceof JsonPrimitive d && d.isString() ? d.getAsString() : dtypeJson) + "; linfgrad reads "
                    + DType.names());
        }
        if (!(info.get("shape") instanceof JsonArray dimsJson) || !(info.get("data_offsets") instanceof JsonArray offsetsJson)
                || offsetsJson.size() != 2) {
            throw corrupt(path, "tensor '" + name + "' lacks a shape list or a data_offsets pair");
        }
        List<String> dims = texts(dimsJson);
        List<String> offsets = texts(offsetsJson);
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int k = 0; k < shape.length; k++) {
            long extent = nonNegative(dimsJson.get(k));
            if (extent < 0 || extent > Integer.MAX_VALUE) {
                throw corrupt(path, "tensor '" + name + "' has shape extent " + dims.get(k)
                        + ", not an integer in [0, 2^31)");
            }
            shape[k] = (int) extent;
            elements *= extent; // below 2^31 times below 2^31: no overflow
            if (elements > MAX_ELEMENTS) {
                throw corrupt(path, "tensor '" + name + "' has shape " + dims + ", more than " + MAX_ELEMENTS
                        + " elements");
            }
        }
        long begin = nonNegative(offsetsJson.get(0));
        long end = nonNegative(offsetsJson.get(1));
        if (begin < 0 || end < begin) {
            throw corrupt(path, "tensor '" + name + "' has data_offsets " + offsets + ", not integers with "
                    + "0 <= begin <= end < 2^63");
        }
        if (end - begin != elements * dtype.bytes()) {
            throw corrupt(path, "tensor '" + name + "' has data_offsets " + offsets + " (" + (end - begin)
                    + " bytes), but its shape " + dims + " needs " + elements * dtype.bytes() + " bytes of " + dtype);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The elements of a JSON array as they are written (a number's exact digits, a string without quotes). */
    private static List<String> texts(JsonArray array) {
        List<String> texts = new ArrayList<>();
        array.forEach(e -> texts.add(e instanceof JsonPrimitive p && p.isNumber()
                ? ((BigDecimal) p.getAsNumber()).toPlainString() : e.toString()));
        return texts;
    }

    /** The value of a JSON integer from 0 to 2^63 - 1 (of any number of digits), or -1 for anything else. */
    private static long nonNegative(JsonElement json) {
        if (!(json instanceof JsonPrimitive p && p.isNumber())) {
            return -1;
        }
        try {
            long n = ((BigDecimal) p.getAsNumber()).longValueExact();
            return n >= 0 ? n : -1;
        } catch (ArithmeticException notALong) {
            return -1;
        }
    }

    private static void checkTiling(Path path, List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long next = 0;
        for (Entry e : sorted) {
            if (e.begin() != next) {
                throw corrupt(path, "tensor '" + e.name() + "' starts at byte " + e.begin() + " of the data, "
                        + (e.begin() < next ? "inside the tensor before it" : "leaving a gap after byte " + next));
            }
            next = e.end();
        }
        if (next != dataLength) {
            throw corrupt(path, "the tensors cover " + next + " bytes of data but the file holds " + dataLength
                    + " after its header (" + (next > dataLength ? "truncated" : "extra bytes") + ")");
        }
    }

    private static IOException corrupt(Path path, String what) {
        return new IOException(path + ": " + what + "; the file is corrupt, not a safetensors file linfgrad can read");
    }
}
