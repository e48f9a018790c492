package org.linfgrad.io;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Every JSON text linfgrad writes or reads goes through here, on Gson: reports, metrics lines, the gradient
 * check's results and safetensors headers. The conventions:
 * <ul>
 *   <li>records and maps are written as objects, one line, the record components' names in snake_case
 *   ({@code keptFraction} is {@code "kept_fraction"}), null components as {@code null};</li>
 *   <li>a non-finite double is written as one of the strings {@code "NaN"}, {@code "Infinity"},
 *   {@code "-Infinity"} (JSON has no literal for them: a string keeps the file valid JSON for every parser
 *   and says which value it was) and read back from those strings as that double;</li>
 *   <li>reading is strict (RFC 8259: no comments, no unquoted names, no bare {@code NaN}), and a text that
 *   is not what was asked for is an {@link IllegalArgumentException} saying where.</li>
 * </ul>
 */
public final class Json {
    /** The deepest nesting of objects and arrays {@link #parseObject} accepts: the limit of Rust's serde_json. */
    public static final int MAX_DEPTH = 128;

    /** Doubles as JSON numbers, the non-finite ones as the strings {@link Double#toString} gives them. */
    private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (Double.isFinite(value)) {
                out.value(value.doubleValue());
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (in.peek() != JsonToken.STRING) {
                return in.nextDouble();
            }
            String text = in.nextString();
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new MalformedJsonException("expected a number or \"NaN\", \"Infinity\", "
                        + "\"-Infinity\" but got \"" + text + "\" at " + in.getPreviousPath());
            };
        }
    };

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(double.class, DOUBLES)
            .registerTypeAdapter(Double.class, DOUBLES)
            .serializeNulls()
            .disableHtmlEscaping()
            .setStrictness(Strictness.STRICT)
            .create();

    private Json() {}

    /** {@code value} (a record, a map, a list...) as one line of JSON, without a line break. */
    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /** {@code value} as a JSON tree, to add to before writing it. */
    public static JsonElement tree(Object value) {
        return GSON.toJsonTree(value);
    }

    /** Reads one JSON value of {@code type} (a record, say); unknown object members are ignored. */
    public static <T> T read(String text, Class<T> type) {
        return read(text, TypeToken.get(type));
    }

    /** Reads one JSON value of a generic {@code type}, such as {@code new TypeToken<Map<String, Double>>() {}}. */
    public static <T> T read(String text, TypeToken<T> type) {
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new IllegalArgumentException("expected a JSON value, got an empty text or null");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses a text holding one JSON object, as a safetensors header is checked: strictly, refusing an object
     * with a repeated key and nesting deeper than {@value #MAX_DEPTH} (so that no input can exhaust the stack),
     * and keeping every number exact (a {@link BigDecimal}, so an integer of any length reads as itself).
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static JsonObject parseObject(String text) {
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.setStrictness(Strictness.STRICT);
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                throw new IllegalArgumentException("expected one JSON object");
            }
            JsonElement value = value(in, 0);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("expected one JSON object, found more after it at "
                        + in.getPath());
            }
            return value.getAsJsonObject();
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The value at {@code in}, which is {@code depth} objects and arrays deep. */
    private static JsonElement value(JsonReader in, int depth) throws IOException {
        JsonToken token = in.peek();
        if ((token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) && depth == MAX_DEPTH) {
            throw new MalformedJsonException("nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String key = in.nextName();
                    if (object.has(key)) {
                        throw new MalformedJsonException("key \"" + key + "\" repeated at " + in.getPath());
                    }
                    object.add(key, value(in, depth + 1));
                }
                in.endObject();
                yield object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(value(in, depth + 1));
                }
                in.endArray();
                yield array;
            }
            case STRING -> new JsonPrimitive(in.nextString());
            case NUMBER -> new JsonPrimitive(new BigDecimal(in.nextString()));
            case BOOLEAN -> new JsonPrimitive(in.nextBoolean());
            case NULL -> {
                in.nextNull();
                yield JsonNull.INSTANCE;
            }
            default -> throw new MalformedJsonException("unexpected " + token + " at " + in.getPath());
        };
    }
}
