package dev.parry.testkit.errors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.error.ParryException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.defender.DefenderFormatException;
import dev.parry.spi.json.JsonFormatException;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Walks every public entry point of Parry's API packages with bad input and checks what comes out:
 * every public constructor and static method of every public type (exceptions and the methods the
 * compiler writes for enums aside), every public method of {@link ParryRuntime} and of the objects
 * the API's static factories hand out from usable values ({@code builder()}, {@code create()},
 * {@code defaults()}, {@code of(...)}), of what those builders build, of every enum constant, and
 * of the objects a running investigation hands out (its actions, events, audit records and what
 * they hold). Each call gets null in one parameter at a time, or for a {@code String} parameter a
 * blank, a control-character, a 10,000-character or a bidirectional-override string, the other
 * parameters holding a usable value where the sweep knows one. Only a {@link ParryException} may
 * come out; an {@link InvalidInputException} must name a parameter, a record component, an API
 * value type or the setting a builder method names (or be the name the caller passed for its
 * message), and no message may hold a raw control or bidirectional character.
 */
@DisplayName("Every public entry point answers bad input with a Parry error")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSweepTest {

  private static final List<String> API_ROOTS =
      List.of("dev.parry.core.", "dev.parry.spi.", "dev.parry.runtime.");

  private static final Map<String, String> HOSTILE = new LinkedHashMap<>();

  static {
    HOSTILE.put("blank", "   ");
    HOSTILE.put("control characters", "ok\r\nforged\u0000\u001b[31m");
    HOSTILE.put("10k characters", "x".repeat(10_000));
    HOSTILE.put("bidi override", "abc\u202Efdp.exe");
  }

  private ParryHarness parry;
  private List<Class<?>> api;
  private Set<String> typeNames;
  private final List<String> failures = new ArrayList<>();
  private final Set<Class<?>> swept = new HashSet<>();
  private int calls;

  @BeforeAll
  void setUp() {
    parry = ParryHarness.create();
    api = apiTypes();
    typeNames = new HashSet<>();
    for (Class<?> type : api) {
      typeNames.add(decapitalize(type.getSimpleName()));
    }
  }

  @BeforeEach
  void forgetTheLastSweep() {
    failures.clear();
    swept.clear();
    calls = 0;
  }

  @AfterAll
  void tearDown() {
    parry.close();
  }

  @Test
  @DisplayName(
      "constructors, static factories, runtime, builder, store and audit methods throw only Parry errors")
  void everyEntryPointThrowsOnlyParryErrors() {
    for (Class<?> type : api) {
      if (Throwable.class.isAssignableFrom(type)) {
        continue;
      }
      if (!Modifier.isAbstract(type.getModifiers()) && !type.isInterface() && !type.isEnum()) {
        for (Constructor<?> constructor : type.getConstructors()) {
          sweep(null, constructor);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers())
            && Modifier.isStatic(method.getModifiers())
            && !method.isSynthetic()
            && !generatedForEnum(type, method)) {
          sweep(null, method);
          if (isApi(method.getReturnType())) {
            sweepProductOf(method);
          }
        }
      }
    }
    ParryRuntime runtime = parry.runtime();
    sweepInstance(runtime);
    assertTrue(calls > 1000, "the sweep made only " + calls + " calls");
    assertTrue(
        swept.size() > 40, "the sweep reached the methods of only " + swept.size() + " types");
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " of "
            + calls
            + " calls broke the rule:\n"
            + String.join("\n", failures.subList(0, Math.min(failures.size(), 400))));
  }

  @Test
  @DisplayName(
      "enum constants and the objects a running investigation hands out throw only Parry errors")
  void handedOutObjectsThrowOnlyParryErrors() {
    for (Class<?> type : api) {
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          swept.remove(type); // each constant, as constants may answer differently
          sweepInstance(constant);
        }
      }
    }
    InvestigationId id = InvestigationId.of("inv-handed-out");
    DeviceId deviceId = DeviceId.of("d-sweep-1");
    Device device =
        new Device(deviceId, DeviceName.of("ws-sweep"), null, Set.of(), OsPlatform.WINDOWS);
    ParryRuntime runtime = parry.runtime();
    runtime.open(id, AlertId.of("alert-handed-out"), device);
    Instant now = parry.clock().instant();
    for (Entity entity :
        List.of(
            device,
            DeviceFile.onDevice(
                Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                deviceId,
                WindowsPath.of("C:\\Temp\\x.exe")),
            DeviceProcess.of(deviceId, 77, now, WindowsPath.of("C:\\Temp\\m.exe")),
            UserAccount.of(UserPrincipalName.of("carol@contoso.com")))) {
      runtime.reportEvidence(id, Evidence.of(entity, Verdict.MALICIOUS, "sweep", now));
    }
    Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    walk(runtime.investigation(id, ParryHarness.ANALYST).orElseThrow(), 0, seen);
    walk(runtime.history(id, ParryHarness.ANALYST), 0, seen);
    walk(runtime.auditTrail(id, ParryHarness.ANALYST), 0, seen);
    walk(runtime.actions(ActionQuery.pending().build(), ParryHarness.ANALYST), 0, seen);
    walk(runtime.health(), 0, seen);
    assertTrue(
        swept.size() > 30, "the sweep reached the methods of only " + swept.size() + " types");
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " of "
            + calls
            + " calls broke the rule:\n"
            + String.join("\n", failures.subList(0, Math.min(failures.size(), 400))));
  }

  /**
   * Sweeps {@code value} and, a few steps deep, what its methods without parameters answer: the
   * records, lists and optionals an investigation and its history hold.
   */
  private void walk(Object value, int depth, Set<Object> seen) {
    if (value == null || depth > 6 || !seen.add(value)) {
      return;
    }
    if (value instanceof java.util.Collection<?> items) {
      items.forEach(item -> walk(item, depth + 1, seen));
      return;
    }
    if (value instanceof java.util.Optional<?> present) {
      present.ifPresent(item -> walk(item, depth + 1, seen));
      return;
    }
    if (!isApi(value.getClass())) {
      return;
    }
    sweepInstance(value);
    for (Method method : value.getClass().getMethods()) {
      if (method.getParameterCount() == 0
          && !Modifier.isStatic(method.getModifiers())
          && isApi(method.getDeclaringClass())) {
        try {
          walk(method.invoke(value), depth + 1, seen);
        } catch (ReflectiveOperationException e) {
          // a getter that refuses this state has nothing to walk into
        }
      }
    }
  }

  /**
   * Sweeps the object a static factory makes from usable values, and what a builder it makes
   * builds: {@code builder()}, {@code create()}, {@code defaults()}, {@code of(...)} and the like.
   * A factory without parameters that throws is a failure; one whose parameters the sweep cannot
   * fill with values it accepts is passed over.
   */
  private void sweepProductOf(Method factory) {
    Object[] arguments = new Object[factory.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = sample(factory.getParameterTypes()[i]);
      if (arguments[i] == null) {
        return;
      }
    }
    Object product;
    try {
      product = factory.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      if (arguments.length == 0 || !(e.getCause() instanceof ParryException)) {
        failures.add(
            describe(factory)
                + " threw on usable values: "
                + e.getCause().getClass().getName()
                + ": "
                + shorten(e.getCause().getMessage()));
      }
      return;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot call " + describe(factory), e);
    }
    Object built = null; // built first, before the sweep's calls change the builder
    if (product != null
        && isApi(product.getClass())
        && !(product instanceof ParryRuntime.Builder)) { // a runtime is swept on its own
      try {
        Method build = product.getClass().getMethod("build");
        if (build.getParameterCount() == 0 && isApi(build.getReturnType())) {
          built = build.invoke(product);
        }
      } catch (NoSuchMethodException e) {
        // not a builder
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof ParryException)) { // else a setting it needs is missing
          failures.add(
              describe(factory)
                  + "'s build() threw with nothing set: "
                  + e.getCause().getClass().getName()
                  + ": "
                  + shorten(e.getCause().getMessage()));
        }
      } catch (IllegalAccessException e) {
        throw new AssertionError("cannot build " + describe(factory), e);
      }
    }
    sweepInstance(product);
    sweepInstance(built);
  }

  private void sweepInstance(Object target) {
    if (target == null || !isApi(target.getClass()) || !swept.add(target.getClass())) {
      return;
    }
    for (Method method : target.getClass().getMethods()) {
      if (Modifier.isStatic(method.getModifiers())
          || method.getParameterCount() == 0
          || !isApi(method.getDeclaringClass())
          || method.getName().equals("equals")) {
        continue;
      }
      sweep(target, method);
    }
  }

  private void sweep(Object target, Executable executable) {
    Parameter[] parameters = executable.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Class<?> type = parameters[i].getType();
      if (type.isPrimitive()) {
        continue;
      }
      call(target, executable, i, null, "null " + parameters[i].getName());
      if (type == String.class) {
        for (Map.Entry<String, String> hostile : HOSTILE.entrySet()) {
          call(
              target,
              executable,
              i,
              hostile.getValue(),
              hostile.getKey() + " " + parameters[i].getName());
        }
      }
    }
  }

  private void call(
      Object target, Executable executable, int bad, Object badValue, String variant) {
    Parameter[] parameters = executable.getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      arguments[i] = i == bad ? badValue : sample(parameters[i].getType());
    }
    calls++;
    Throwable thrown = null;
    try {
      if (executable instanceof Constructor<?> constructor) {
        constructor.newInstance(arguments);
      } else {
        ((Method) executable).invoke(target, arguments);
      }
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new AssertionError("cannot call " + describe(executable), e);
    }
    if (thrown == null) {
      return;
    }
    String where = describe(executable) + " with " + variant;
    if (!(thrown instanceof ParryException)) {
      failures.add(
          where
              + ": "
              + thrown.getClass().getName()
              + ": "
              + shorten(thrown.getMessage())
              + " at "
              + origin(thrown));
      return;
    }
    String message = thrown.getMessage();
    if (message != null && hasRawControl(message)) {
      failures.add(
          where
              + ": the message holds a raw control or bidirectional character: "
              + shorten(message));
    }
    if (thrown instanceof InvalidInputException invalid
        && !(invalid instanceof DefenderFormatException)
        && !(invalid
            instanceof JsonFormatException) // both name the member by its path in the document
        && !names(executable, invalid.field())
        && !Arrays.asList(arguments).contains(invalid.field())) {
      failures.add(
          where
              + ": field "
              + shorten(invalid.field())
              + " names no parameter, component or value type");
    }
  }

  /**
   * {@return the innermost frame of Parry's main code the error passed, to find where the check is
   * missing}
   */
  private static String origin(Throwable thrown) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.parry.")
          && !frame.getClassName().contains("testkit")) {
        return frame.getClassName().replace("dev.parry.", "") + ":" + frame.getLineNumber();
      }
    }
    return "?";
  }

  /**
   * {@return whether {@code field} starts with a parameter of the call, the setting a builder
   * method names, a component of its type or an API type}; a {@link DefenderFormatException} names
   * a member of the document instead, as a JSON path
   */
  private boolean names(Executable executable, String field) {
    String root = field.split("[.\\[ ]", 2)[0];
    if (executable instanceof Method method
        && (method.getName().equals(root)
            || (method.getName().startsWith("with") // a wither names the setting it replaces
                && method.getName().length() > 4
                && Character.isUpperCase(method.getName().charAt(4))
                && root.startsWith(decapitalize(method.getName().substring(4)))))) {
      return true;
    }
    for (Parameter parameter : executable.getParameters()) {
      if (parameter.getName().equals(root)) {
        return true;
      }
    }
    Class<?> declaring = executable.getDeclaringClass();
    if (declaring.isRecord()) {
      for (RecordComponent component : declaring.getRecordComponents()) {
        if (component.getName().equals(root)) {
          return true;
        }
      }
    }
    return typeNames.contains(root) || root.equals(decapitalize(declaring.getSimpleName()));
  }

  private static boolean hasRawControl(String message) {
    return message
        .chars()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x200E
                    || c == 0x200F
                    || c == 0x2028
                    || c == 0x2029);
  }

  private Object sample(Class<?> type) {
    if (type == String.class) {
      return "ok";
    } else if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class) {
      return convert(type, 1);
    } else if (type == boolean.class) {
      return false;
    } else if (type == double.class || type == float.class) {
      return type == double.class ? 1.0 : 1.0f;
    } else if (type == char.class) {
      return 'a';
    } else if (type == Caller.class) {
      return ParryHarness.ANALYST;
    } else if (type == InvestigationId.class) {
      return InvestigationId.of("inv-sweep");
    } else if (type == ActionId.class) {
      return new ActionId(InvestigationId.of("inv-sweep"), 1);
    } else if (type == AlertId.class) {
      return AlertId.of("alert-sweep");
    } else if (type == DeviceId.class) {
      return DeviceId.of("device-sweep");
    } else if (type == Duration.class) {
      return Duration.ofMinutes(5);
    } else if (type == Instant.class) {
      return parry.clock().instant();
    } else if (type == List.class) {
      return List.of();
    } else if (type == Set.class) {
      return Set.of();
    } else if (type.isArray()) {
      return Array.newInstance(type.getComponentType(), 0);
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    return null;
  }

  private static Object convert(Class<?> type, int value) {
    if (type == long.class) {
      return (long) value;
    } else if (type == short.class) {
      return (short) value;
    } else if (type == byte.class) {
      return (byte) value;
    }
    return value;
  }

  private static boolean generatedForEnum(Class<?> type, Method method) {
    return type.isEnum()
        && (method.getName().equals("values")
            || (method.getName().equals("valueOf")
                && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == String.class));
  }

  private static boolean isApi(Class<?> type) {
    String name = type.getName();
    return API_ROOTS.stream().anyMatch(name::startsWith)
        && !name.contains(".internal.")
        && Modifier.isPublic(type.getModifiers());
  }

  private static String describe(Executable executable) {
    StringBuilder out =
        new StringBuilder(executable.getDeclaringClass().getName().replace("dev.parry.", ""))
            .append(executable instanceof Constructor<?> ? ".<init>" : "." + executable.getName())
            .append('(');
    Class<?>[] types = executable.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      out.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return out.append(')').toString();
  }

  private static String shorten(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(160)
        .forEach(
            c -> {
              if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x2000 && c <= 0x206f)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * {@return every public type, nested ones included, in the API packages of the core and spi
   * modules}
   */
  private static List<Class<?>> apiTypes() {
    Set<String> names = new TreeSet<>();
    for (Class<?> anchor : List.of(DeviceId.class, ParryRuntime.class)) {
      Path location;
      try {
        location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new AssertionError(e);
      }
      names.addAll(classNames(location));
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type;
      try {
        type = Class.forName(name, false, ApiSweepTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      if (isApi(type)
          && (type.getEnclosingClass() == null || isApi(type.getEnclosingClass()))
          && !type.isAnonymousClass()
          && !type.isSynthetic()) {
        types.add(type);
      }
    }
    return types;
  }

  private static List<String> classNames(Path location) {
    try {
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          return files
              .map(location::relativize)
              .map(Path::toString)
              .filter(n -> n.endsWith(".class"))
              .map(
                  n ->
                      n.substring(0, n.length() - ".class".length())
                          .replace('/', '.')
                          .replace('\\', '.'))
              .filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info"))
              .toList();
        }
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        return jar.stream()
            .map(e -> e.getName())
            .filter(n -> n.endsWith(".class"))
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info"))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
