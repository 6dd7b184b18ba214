package dev.parry.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.Investigation;
import dev.parry.spi.executor.ExecutorProvider;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The modules export their API packages and nothing else, and no exported type shows a type of a
 * package that is not exported. Runs on the module path, where the boundaries are enforced.
 */
@DisplayName(
    "Each module exports its API packages only, and no API type depends on an internal one")
class ModuleBoundariesTest {

  private static final List<Module> MODULES =
      List.of(Investigation.class.getModule(), ParryRuntime.class.getModule());

  @Test
  @DisplayName("the tests run on the module path: core and spi are named modules")
  void namedModules() {
    assertEquals(
        List.of("dev.parry.core", "dev.parry.spi"),
        MODULES.stream().map(Module::getName).collect(Collectors.toList()));
  }

  @Test
  @DisplayName(
      "every package of classes is exported to everyone, except the internal ones, which no one outside Parry reads; only resources are opened")
  void exportsApiPackagesOnly() throws IOException {
    for (Module module : MODULES) {
      ModuleDescriptor descriptor = descriptor(module);
      Set<String> withClasses =
          classes(module).stream().map(Class::getPackageName).collect(Collectors.toSet());
      for (String pkg : module.getPackages()) {
        if (!withClasses.contains(pkg)) {
          // (an open package counts as exported at run time, so the descriptor is asked)
          assertTrue(
              descriptor.exports().stream().noneMatch(e -> e.source().equals(pkg)),
              module.getName() + " exports " + pkg + ", which holds no class");
          continue;
        }
        boolean internal = pkg.endsWith(".internal");
        assertEquals(!internal, module.isExported(pkg), module.getName() + " exports " + pkg);
        Set<String> readers =
            descriptor.exports().stream()
                .filter(e -> e.source().equals(pkg))
                .flatMap(e -> e.targets().stream())
                .collect(Collectors.toSet());
        assertTrue(
            readers.stream().allMatch(r -> r.startsWith("dev.parry.")),
            pkg + " is exported to a module outside Parry: " + readers);
      }
      assertTrue(
          !descriptor.isOpen()
              && descriptor.opens().stream().noneMatch(o -> withClasses.contains(o.source())),
          module.getName() + " opens a package of classes to reflection");
    }
  }

  @Test
  @DisplayName(
      "the PostgreSQL schema scripts can be read from the jar by a migration tool on the module path")
  void schemaScriptsReadable() throws IOException {
    try (var script =
        ClassLoader.getSystemResourceAsStream("dev/parry/spi/store/schema/V1__parry_store.sql")) {
      assertTrue(script != null && script.readAllBytes().length > 100);
    }
  }

  @Test
  @DisplayName(
      "no public or protected member of an exported type names a type of a package that is not exported")
  void apiDependsOnApiOnly() throws IOException {
    Set<String> leaks = new TreeSet<>();
    int checked = 0;
    for (Module module : MODULES) {
      for (Class<?> type : classes(module)) {
        if (!module.isExported(type.getPackageName()) || !visible(type)) {
          continue;
        }
        checked++;
        for (Type used : signature(type)) {
          leaks.addAll(hidden(type, used));
        }
      }
    }
    assertTrue(checked > 200, "too few API types found: " + checked);
    assertEquals(Set.of(), leaks);
  }

  @Test
  @DisplayName(
      "executors are found with ServiceLoader on the module path: the runtime's module declares that it uses them")
  void serviceLoaderWorks() {
    assertTrue(ParryRuntime.class.getModule().canUse(ExecutorProvider.class));
    // without a "uses" clause, ServiceLoader throws ServiceConfigurationError in a named module
    assertDoesNotThrow(
        () -> ParryRuntime.builder().requiredKinds(Set.of()).discoverExecutors().build().close());
  }

  private static ModuleDescriptor descriptor(Module module) {
    ModuleDescriptor descriptor = module.getDescriptor();
    assertTrue(descriptor != null, module + " has no descriptor");
    return descriptor;
  }

  /** Every class of {@code module}, nested ones included. */
  private static List<Class<?>> classes(Module module) throws IOException {
    ModuleLayer layer = module.getLayer();
    assertTrue(layer != null, module + " is in no layer");
    List<Class<?>> out = new ArrayList<>();
    try (ModuleReader reader =
            layer.configuration().findModule(module.getName()).orElseThrow().reference().open();
        Stream<String> names = reader.list()) {
      for (String name : (Iterable<String>) names::iterator) {
        if (name.endsWith(".class")
            && !name.endsWith("module-info.class")
            && !name.endsWith("package-info.class")) {
          String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          out.add(Class.forName(module, binary));
        }
      }
    }
    return out;
  }

  private static boolean visible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /**
   * The types an API user of {@code type} can see: its supertypes and its visible members' types.
   */
  private static List<Type> signature(Class<?> type) {
    List<Type> used = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      used.add(type.getGenericSuperclass());
    }
    used.addAll(List.of(type.getGenericInterfaces()));
    if (type.isSealed() && type.getPermittedSubclasses() != null) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        if (visible(permitted)) {
          used.add(permitted);
        }
      }
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        used.add(component.getGenericType());
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers()) && !field.isSynthetic()) {
        used.add(field.getGenericType());
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
    executables.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
    for (Executable executable : executables) {
      if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
        continue;
      }
      if (executable instanceof Method method) {
        if (method.isBridge()) {
          continue;
        }
        used.add(method.getGenericReturnType());
      }
      used.addAll(List.of(executable.getGenericParameterTypes()));
      used.addAll(List.of(executable.getGenericExceptionTypes()));
    }
    return used;
  }

  /** The types inside {@code used} that an API user of {@code owner} could not name. */
  private static List<String> hidden(Class<?> owner, Type used) {
    List<String> out = new ArrayList<>();
    if (used instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      Module module = element.getModule();
      if (!element.isPrimitive()
          && module.isNamed()
          && module.getName().startsWith("dev.parry.")
          && !module.isExported(element.getPackageName())) {
        out.add(owner.getName() + " shows " + element.getName());
      }
    } else if (used instanceof ParameterizedType p) {
      out.addAll(hidden(owner, p.getRawType()));
      for (Type argument : p.getActualTypeArguments()) {
        out.addAll(hidden(owner, argument));
      }
    } else if (used instanceof GenericArrayType a) {
      out.addAll(hidden(owner, a.getGenericComponentType()));
    } else if (used instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        out.addAll(hidden(owner, bound));
      }
      for (Type bound : w.getLowerBounds()) {
        out.addAll(hidden(owner, bound));
      }
    } else if (used instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        if (bound instanceof Class<?>) { // a bound that names the variable itself would never end
          out.addAll(hidden(owner, bound));
        }
      }
    }
    return out;
  }
}
