package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Building": {@code .ci/postgres} only ever stops or deletes a directory it made itself;
 * pointed at any other (a real server's, by a mistyped {@code PARRY_PG_DIR}), it refuses and
 * touches nothing.
 */
@DisplayName(".ci/postgres never touches a directory it did not make")
class CiPostgresScriptTest {

  @Test
  void refusesADirectoryItDidNotMake(@TempDir Path dir) throws IOException, InterruptedException {
    Path script = Path.of("..", ".ci", "postgres").toAbsolutePath().normalize();
    Path kept = Files.writeString(dir.resolve("PG_VERSION"), "15\n");
    for (String command :
        new String[] {"stop"}) { // start checks the same guard first; it is not run here
      ProcessBuilder run =
          new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true);
      run.environment().put("PARRY_PG_DIR", dir.toString());
      run.environment().put("PARRY_PG_PORT", "55499");
      Process process = run.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(3, process.waitFor(), command + " answered: " + output);
      assertTrue(output.contains("refusing to touch it"), output);
      assertTrue(Files.exists(kept), command + " deleted a directory it did not make");
    }
  }
}
