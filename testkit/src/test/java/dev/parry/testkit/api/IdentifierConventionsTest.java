package dev.parry.testkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceId;
import dev.parry.spi.executor.IdempotencyKey;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Walks the public types of the core and SPI modules and checks that every identifier is made and
 * read the same way: {@code of(String)} makes it from its canonical text, {@code value()} gives
 * that text back. An identifier is a public type named {@code …Id}, a record whose one component is
 * a string, or a final class whose one field is a string (exceptions aside).
 */
@DisplayName(
    "Every identifier type is made with of(String) and read with value(), and the two round-trip")
class IdentifierConventionsTest {

  /** One canonical text per identifier type; a new identifier type needs a line here. */
  static final Map<String, String> SAMPLES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("dev.parry.core.actor.PrincipalName", "analyst@contoso.com"),
              Map.entry("dev.parry.core.action.IdentityProviderName", "okta"),
              Map.entry("dev.parry.core.automation.DeviceGroupName", "Domain controllers"),
              Map.entry(
                  "dev.parry.core.entity.ApplicationId", "00000003-0000-0000-c000-000000000000"),
              Map.entry("dev.parry.core.entity.ClusterId", "cluster-7f3a"),
              Map.entry("dev.parry.core.entity.DeviceId", "a3f7c19e2b"),
              Map.entry("dev.parry.core.entity.DeviceName", "laptop-42"),
              Map.entry("dev.parry.core.entity.DeviceTag", "crown-jewel"),
              Map.entry("dev.parry.core.entity.DomainName", "fabrikam.example"),
              Map.entry("dev.parry.core.entity.EntityKey", "device:a3f7c19e2b"),
              Map.entry(
                  "dev.parry.core.entity.EntraDeviceId", "5c0f1a9e-2b3d-4e5f-8a9b-0c1d2e3f4a5b"),
              Map.entry("dev.parry.core.entity.FileName", "invoice.exe"),
              Map.entry(
                  "dev.parry.core.entity.InternetMessageId", "<9a8b7c@mail.fabrikam.example>"),
              Map.entry("dev.parry.core.entity.IpAddress", "203.0.113.7"),
              Map.entry("dev.parry.core.entity.Md5", "d41d8cd98f00b204e9800998ecf8427e"),
              Map.entry("dev.parry.core.entity.NetbiosDomain", "CONTOSO"),
              Map.entry(
                  "dev.parry.core.entity.NetworkMessageId", "3f2a1b0c-9d8e-4f7a-a6b5-c4d3e2f1a0b9"),
              Map.entry("dev.parry.core.entity.ObjectId", "8e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b"),
              Map.entry("dev.parry.core.entity.PosixPath", "/tmp/payload.sh"),
              Map.entry("dev.parry.core.entity.RbacGroupName", "Tier 0 servers"),
              Map.entry(
                  "dev.parry.core.entity.RegistryKeyPath", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso"),
              Map.entry("dev.parry.core.entity.SamAccountName", "jdoe"),
              Map.entry("dev.parry.core.entity.ScheduledTaskPath", "\\Contoso\\Updater"),
              Map.entry(
                  "dev.parry.core.entity.SecurityIdentifier",
                  "S-1-5-21-1004336348-1177238915-682003330-512"),
              Map.entry("dev.parry.core.entity.ServiceName", "ContosoUpdater"),
              Map.entry("dev.parry.core.entity.Sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
              Map.entry(
                  "dev.parry.core.entity.Sha256",
                  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
              Map.entry("dev.parry.core.entity.SmtpAddress", "jane.doe@contoso.com"),
              Map.entry("dev.parry.core.entity.UserPrincipalName", "jane.doe@contoso.com"),
              Map.entry("dev.parry.core.entity.WebUrl", "https://fabrikam.example/login"),
              Map.entry(
                  "dev.parry.core.entity.WindowsPath", "C:\\Users\\jdoe\\Downloads\\invoice.exe"),
              Map.entry("dev.parry.core.investigation.ActionId", "inv-2026-0001/3"),
              Map.entry("dev.parry.core.investigation.AlertId", "da637551227677560813_-961444813"),
              Map.entry("dev.parry.core.investigation.InvestigationId", "inv-2026-0001"),
              Map.entry(
                  "dev.parry.spi.audit.ChainHash",
                  "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
              Map.entry("dev.parry.spi.executor.ExternalReference", "machineaction/7d1c"),
              Map.entry("dev.parry.spi.executor.IdempotencyKey", "inv-2026-0001/3:execute")));

  @Test
  @DisplayName(
      "the identifier types found are exactly the ones listed, and each has of(String) and value() that"
          + " round-trip its canonical text")
  void everyIdentifierRoundTrips() throws Exception {
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> anchor : List.of(DeviceId.class, IdempotencyKey.class)) {
      for (String name : classNames(anchor)) {
        Class<?> type = Class.forName(name, false, anchor.getClassLoader());
        if (isIdentifier(type)) {
          found.add(type);
        }
      }
    }
    assertEquals(
        SAMPLES.keySet(),
        new java.util.TreeSet<>(found.stream().map(Class::getName).toList()),
        "every identifier type has a sample, and every sample names an identifier type");
    List<String> problems = new ArrayList<>();
    for (Class<?> type : found) {
      String sample = SAMPLES.get(type.getName());
      Method of;
      Method value;
      try {
        of = type.getMethod("of", String.class);
        value = type.getMethod("value");
      } catch (NoSuchMethodException e) {
        problems.add(type.getSimpleName() + " lacks " + e.getMessage());
        continue;
      }
      if (!Modifier.isStatic(of.getModifiers()) || of.getReturnType() != type) {
        problems.add(type.getSimpleName() + ".of(String) is not a static factory of its own type");
        continue;
      }
      if (value.getReturnType() != String.class) {
        problems.add(type.getSimpleName() + ".value() does not return a String");
        continue;
      }
      Object made = of.invoke(null, sample);
      Object text = value.invoke(made);
      if (!sample.equals(text)) {
        problems.add(
            type.getSimpleName() + ".of(\"" + sample + "\").value() gave \"" + text + "\"");
      }
      if (!made.equals(of.invoke(null, text))) {
        problems.add(type.getSimpleName() + ".of(x.value()) is not equal to x");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  static boolean isIdentifier(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers())
        || type.isMemberClass()
        || type.isInterface()
        || type.isEnum()
        || Throwable.class.isAssignableFrom(type)
        || type.getPackageName().contains(".internal")
        || type.getSimpleName()
            .endsWith("Request")) { // a request body of one member (a reason) names nothing
      return false;
    }
    if (type.getSimpleName().endsWith("Id")) {
      return true;
    }
    if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      return components.length == 1 && components[0].getType() == String.class;
    }
    List<Field> fields =
        Arrays.stream(type.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .toList();
    return Modifier.isFinal(type.getModifiers())
        && fields.size() == 1
        && fields.get(0).getType() == String.class;
  }

  /** The names of the top-level classes in the directory or jar {@code anchor} was loaded from. */
  static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files
            .map(file -> location.relativize(file).toString().replace('\\', '/'))
            .forEach(entries::add);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(entry -> entry.getName()).forEach(entries::add);
      }
    }
    List<String> names =
        entries.stream()
            .filter(
                entry ->
                    entry.endsWith(".class")
                        && !entry.contains("$")
                        && !entry.endsWith("module-info.class")
                        && !entry.endsWith("package-info.class"))
            .map(entry -> entry.substring(0, entry.length() - ".class".length()).replace('/', '.'))
            .toList();
    assertTrue(names.size() > 20, "found too few classes next to " + anchor + ": " + names);
    return names;
  }
}
