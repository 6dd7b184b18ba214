package dev.parry.testkit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.spi.store.Page;
import dev.parry.testkit.generate.DomainGenerators;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The JSON form covers every result the runtime returns, every component of each, and the schema says so")
class ParryJsonCoverageTest {

  /** What the runtime returns that a REST layer has no JSON result for, and why. */
  private static final Set<Class<?>> NOT_RESULTS =
      Set.of(
          void.class, // nothing to write
          String.class, // exportCsv: the CSV export is its own format
          Object.class); // toString

  @Test
  @DisplayName("every type the runtime's public methods return is written by ParryJson")
  void everyRuntimeResultIsWritten() {
    Set<Type> written = new LinkedHashSet<>();
    for (Method method : ParryJson.class.getMethods()) {
      if (method.getName().startsWith("write") && Modifier.isStatic(method.getModifiers())) {
        written.add(method.getGenericParameterTypes()[0]);
        written.add(unwrap(method.getGenericParameterTypes()[0]));
      }
    }
    List<String> missing = new ArrayList<>();
    for (Method method : ParryRuntime.class.getMethods()) {
      if (method.getDeclaringClass() != ParryRuntime.class
          || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Type result = unwrap(method.getGenericReturnType());
      if (!NOT_RESULTS.contains(result) && !written.contains(result)) {
        missing.add(method.getName() + " returns " + result.getTypeName());
      }
    }
    assertEquals(List.of(), missing, "runtime results ParryJson cannot write");
  }

  /**
   * {@return the element type of a list, set, optional or future, the type itself otherwise; a page
   * stays a page}
   */
  private static Type unwrap(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() != Page.class) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      if (raw == List.class
          || raw == Set.class
          || raw == Optional.class
          || raw == CompletableFuture.class) {
        return unwrap(parameterized.getActualTypeArguments()[0]);
      }
    }
    return type;
  }

  @Test
  @DisplayName(
      "every record reachable from a result is declared, with every one of its components mapped")
  void everyComponentIsMapped() {
    Set<Class<?>> reachable = new LinkedHashSet<>();
    for (Class<?> root : SchemaGenerator.ROOTS) {
      reach(root, reachable);
    }
    reach(Page.class, reachable);
    List<String> problems = new ArrayList<>();
    for (Class<?> type : reachable) {
      if (type == Page.class) {
        continue;
      }
      Codec.Shape shape = Tables.CODEC.shapes().get(type);
      if (type.isRecord() && !Tables.CODEC.scalars().containsKey(type)) {
        if (shape == null) {
          problems.add(type.getName() + " is not declared");
          continue;
        }
        Set<String> mapped = new TreeSet<>();
        for (Codec.Member member : shape.members()) {
          mapped.add(member.component().getName());
        }
        Set<String> components = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
          components.add(component.getName());
        }
        if (!mapped.equals(components)) {
          problems.add(
              type.getName() + " has components " + components + ", the JSON form maps " + mapped);
        }
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(
        components(Page.class), components(ActionPage.class), "a page's JSON form follows Page");
  }

  private static List<String> components(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      out.add(component.getName());
    }
    return out;
  }

  private static void reach(Class<?> type, Set<Class<?>> seen) {
    if (type.isPrimitive() || type.getName().startsWith("java.") || !seen.add(type)) {
      return;
    }
    if (type.isInterface() && type.isSealed()) {
      for (Class<?> permitted : Objects.requireNonNull(type.getPermittedSubclasses())) {
        reach(permitted, seen);
      }
    } else if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getGenericType() instanceof ParameterizedType parameterized) {
          for (Type argument : parameterized.getActualTypeArguments()) {
            if (argument instanceof Class<?> element) {
              reach(element, seen);
            }
          }
        } else {
          reach(component.getType(), seen);
        }
      }
    }
  }

  @Test
  @DisplayName("an action's kind in JSON is the name of its ActionKind, for every kind")
  void actionTagsAreKindNames() {
    Random random = new Random(7);
    for (ActionKind kind : ActionKind.values()) {
      RemediationAction action = DomainGenerators.actionOf(kind).next(random);
      Codec.Shape shape = Tables.CODEC.shapes().get(action.getClass());
      assertNotNull(shape, kind.name());
      assertEquals(kind.name(), shape.tag());
    }
  }

  @Test
  @DisplayName("the schema in the jar is the one the codec's tables describe")
  void schemaIsCurrent() throws IOException {
    String generated = SchemaGenerator.schema();
    String inJar;
    try (InputStream in = ParryJson.class.getResourceAsStream(ParryJson.SCHEMA_RESOURCE)) {
      inJar = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!generated.equals(inJar)) {
      Path fresh = Path.of("target", "parry.schema.json");
      Files.writeString(fresh, generated);
      fail(
          "spi/src/main/resources"
              + ParryJson.SCHEMA_RESOURCE
              + " is out of date: review "
              + fresh.toAbsolutePath()
              + " and copy it there");
    }
  }

  @Test
  @DisplayName("times, durations and the time box are ISO-8601 strings")
  void timesAreIsoStrings() {
    ActionRecord a = JsonValues.actions().next(new Random(3));
    ActionRecord action =
        new ActionRecord(
            a.id(),
            a.action(),
            a.mode(),
            a.reason(),
            a.rule(),
            a.requestedBy(),
            a.requestComment(),
            a.source(),
            a.proposedAt(),
            a.status(),
            a.steps(),
            a.attempts(),
            a.updatedAt(),
            a.updatedBy(),
            a.note(),
            Duration.ofHours(4),
            a.expiresAt(),
            a.deadline(),
            a.undoAttempts());
    String json = ParryJson.write(action);
    assertTrue(json.contains("\"proposedAt\":\"" + action.proposedAt() + "\""), json);
    assertTrue(json.contains("\"timeBox\":\"PT4H\""), json);
  }
}
