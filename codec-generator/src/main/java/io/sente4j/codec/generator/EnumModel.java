package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import java.util.List;

/** An enum written as keywords: each constant with its keyword name, in declaration order. */
record EnumModel(String qualifiedName, ClassName type, String suffix, List<String> constants, List<String> keys) {
}
