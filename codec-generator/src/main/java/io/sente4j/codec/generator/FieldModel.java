package io.sente4j.codec.generator;

/** One record component: its accessor, its keyword name in the data, and its type. */
record FieldModel(String component, String key, TypeRef type) {
}
