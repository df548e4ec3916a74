package io.sente4j.codec.generator;

import io.sente4j.codec.ClientEvent;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * The {@code reply} of a {@link ClientEvent}, read from the annotation's mirror (its class may not be compiled yet).
 *
 * @param type the reply record, or {@code null} when the event wants no reply
 * @param valid false when the reply is not a record (the error is reported on the annotation value)
 */
record ReplyType(TypeElement type, boolean valid) {
  static final ReplyType NONE = new ReplyType(null, true);

  static ReplyType of(Messager messager, Element event) {
    for (AnnotationMirror a : event.getAnnotationMirrors()) {
      if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ClientEvent.class.getCanonicalName())) {
        continue;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : a.getElementValues().entrySet()) {
        if (!v.getKey().getSimpleName().contentEquals("reply")) {
          continue;
        }
        Object value = v.getValue().getValue();
        if (value instanceof DeclaredType d && d.asElement().getKind() == ElementKind.RECORD) {
          return new ReplyType((TypeElement) d.asElement(), true);
        }
        if (value instanceof DeclaredType d && ((TypeElement) d.asElement()).getQualifiedName()
            .contentEquals("java.lang.Void")) {
          return NONE;
        }
        String shown = value instanceof TypeMirror t ? t.toString() : String.valueOf(value);
        messager.printMessage(Diagnostic.Kind.ERROR, "the reply type " + shown + " of " + event.getSimpleName()
            + " is not a record: declare the reply as a record, such as record " + event.getSimpleName()
            + "Reply(long id) {}, or leave reply out when the event wants none", event, a, v.getValue());
        return new ReplyType(null, false);
      }
    }
    return NONE;
  }
}
