package io.sente4j.codec.generator;

import com.squareup.javapoet.JavaFile;
import io.sente4j.codec.ClientEvent;
import io.sente4j.codec.EventSchema;
import io.sente4j.codec.ServerPush;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The annotation processor: for every {@link EventSchema} interface it writes the codecs, the event ids, and the
 * typed client and server APIs (see the package documentation). With the option {@code -Asente4j.generators=true}
 * it also writes QuickTheories generators for every record, which then needs QuickTheories on the class path.
 *
 * <p>Isolating (for Gradle's incremental compilation): each generated file comes from one schema interface and the
 * types it reaches. Compile errors are reported on the element at fault, with the fix in the message.
 */
public final class EventSchemaProcessor extends AbstractProcessor {
  /** The option that turns on the QuickTheories generators. */
  public static final String GENERATORS_OPTION = "sente4j.generators";

  /** Creates the processor; javac calls this. */
  public EventSchemaProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(EventSchema.class.getCanonicalName(), ClientEvent.class.getCanonicalName(),
        ServerPush.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(GENERATORS_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    checkEventsInsideSchemas(ClientEvent.class.getSimpleName(), round.getElementsAnnotatedWith(ClientEvent.class));
    checkEventsInsideSchemas(ServerPush.class.getSimpleName(), round.getElementsAnnotatedWith(ServerPush.class));
    boolean generators = Boolean.parseBoolean(processingEnv.getOptions().get(GENERATORS_OPTION));
    for (Element e : round.getElementsAnnotatedWith(EventSchema.class)) {
      SchemaModel schema = SchemaReader.read(processingEnv.getMessager(), (TypeElement) e);
      if (schema == null) {
        continue;
      }
      List<JavaFile> files = new ArrayList<>();
      files.add(CodecsWriter.write(schema));
      files.add(EventsWriter.write(schema));
      files.add(ClientWriter.write(schema));
      files.addAll(ServerWriter.write(schema));
      if (generators) {
        files.add(GensWriter.write(schema));
      }
      for (JavaFile f : files) {
        try {
          f.writeTo(processingEnv.getFiler());
        } catch (IOException ex) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              "could not write " + f.packageName + "." + f.typeSpec.name + ": " + ex.getMessage(), e);
        }
      }
    }
    return false;
  }

  private void checkEventsInsideSchemas(String annotation, Set<? extends Element> events) {
    for (Element e : events) {
      Element outer = e.getEnclosingElement();
      if (outer == null || outer.getAnnotation(EventSchema.class) == null) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "@" + annotation + " "
            + e.getSimpleName() + " must be declared inside an @EventSchema interface, which gives its namespace: "
            + "move it into one, such as @EventSchema(namespace = \"chat\") interface Chat { ... }", e);
      }
    }
  }
}
