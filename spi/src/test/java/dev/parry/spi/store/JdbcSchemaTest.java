package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The PostgreSQL schema scripts ship in the jar and split into their statements")
class JdbcSchemaTest {

  @Test
  @DisplayName("every version has a script; others are refused naming the range")
  void scripts() {
    for (int version = 1; version <= JdbcSchema.VERSION; version++) {
      assertTrue(
          JdbcSchema.script(version).startsWith("-- Parry")
              && JdbcSchema.script(version).contains(" parry_"),
          "script " + version);
    }
    for (int bad : new int[] {0, JdbcSchema.VERSION + 1}) {
      InvalidInputException refused =
          assertThrows(InvalidInputException.class, () -> JdbcSchema.script(bad));
      assertTrue(refused.getMessage().contains("1-" + JdbcSchema.VERSION), refused.getMessage());
    }
  }

  @Test
  @DisplayName(
      "a script splits at the semicolons that end its lines, comments dropped, quoted semicolons kept")
  void statements() {
    List<String> split =
        JdbcSchema.statements(
            "-- a comment; not a statement\nCREATE TABLE a (x INT);\n\n"
                + "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql\n  AS 'BEGIN RAISE; END';\nSELECT 1");
    assertEquals(
        List.of(
            "CREATE TABLE a (x INT)",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql\n  AS 'BEGIN RAISE; END'",
            "SELECT 1"),
        split);
    List<String> v1 = JdbcSchema.statements(JdbcSchema.script(1));
    assertEquals(
        11,
        v1.size(),
        "statements of version 1: 3 tables, 6 indexes, a function and its trigger: " + v1);
    List<String> v2 = JdbcSchema.statements(JdbcSchema.script(2));
    assertEquals(
        3, v2.size(), "statements of version 2: the columns, their backfill, the index: " + v2);
    List<String> v3 = JdbcSchema.statements(JdbcSchema.script(3));
    assertEquals(
        3,
        v3.size(),
        "statements of version 3: the control changes, the blast-radius uses, their index: " + v3);
    List<String> v4 = JdbcSchema.statements(JdbcSchema.script(4));
    assertEquals(
        2, v4.size(), "statements of version 4: the chain hash column and its check: " + v4);
    List<String> v6 = JdbcSchema.statements(JdbcSchema.script(6));
    assertEquals(1, v6.size(), "statements of version 6: the admission function: " + v6);
    assertTrue(v6.get(0).endsWith("END\n$$"), "the function's body kept whole: " + v6);
    List<String> v7 = JdbcSchema.statements(JdbcSchema.script(7));
    assertEquals(1, v7.size(), "statements of version 7: admitting several at once: " + v7);
    assertTrue(v7.get(0).endsWith("END\n$$"), "the function's body kept whole: " + v7);
  }

  @Test
  @DisplayName(
      "a body between $$ quotes is one statement, its semicolons, blank lines and comments kept")
  void dollarQuotedBodies() {
    String body = "$$\nBEGIN\n  -- a step; not a statement\n\n  PERFORM 1;\n  RETURN 2;\nEND\n$$";
    assertEquals(
        List.of(
            "CREATE FUNCTION f() RETURNS INT LANGUAGE plpgsql AS " + body,
            "SELECT f()",
            "SELECT $$a;b$$"),
        JdbcSchema.statements(
            "-- header\nCREATE FUNCTION f() RETURNS INT LANGUAGE plpgsql AS "
                + body
                + ";\nSELECT f();\nSELECT $$a;b$$;\n"));
  }
}
