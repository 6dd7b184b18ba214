package dev.parry.spi.defender;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the Defender documents under {@code dev/parry/spi/defender/} in the test resources. */
final class Fixtures {

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String graph(String name) {
    return read("graph/" + name + ".json");
  }

  static String endpoint(String name) {
    return read("endpoint/" + name + ".json");
  }
}
