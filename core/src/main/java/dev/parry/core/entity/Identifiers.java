package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.Locale;

/** Shared checks for the identifier records of this package. */
final class Identifiers {

  private Identifiers() {}

  /** Checks a token: 1..max ASCII letters, digits, {@code . _ : -}. */
  static String requireToken(String name, String value, int max) {
    return Text.requireChars(
        name,
        value,
        1,
        max,
        "characters (ASCII letters, digits, '.', '_', ':', '-')",
        c -> Text.isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == ':' || c == '-');
  }

  /** Checks a hexadecimal digest of exactly {@code length} digits and returns it in lower case. */
  static String requireHex(String name, String value, int length) {
    Checks.notNull(value, name);
    boolean hex = value.length() == length;
    for (int i = 0; hex && i < length; i++) {
      hex = Text.isHex(value.charAt(i));
    }
    if (!hex) {
      throw new InvalidInputException(
          name,
          value,
          name + " must be exactly " + length + " hexadecimal digits, was: " + Text.show(value));
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a GUID in its 8-4-4-4-12 form (braces allowed) and returns it in lower case without
   * braces.
   */
  static String requireGuid(String name, String value) {
    Checks.notNull(value, name);
    String guid =
        value.length() == 38 && value.charAt(0) == '{' && value.charAt(37) == '}'
            ? value.substring(1, 37)
            : value;
    boolean ok = guid.length() == 36;
    for (int i = 0; ok && i < 36; i++) {
      char c = guid.charAt(i);
      ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : Text.isHex(c);
    }
    if (!ok) {
      throw new InvalidInputException(
          name,
          value,
          name
              + " must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e, was: "
              + Text.show(value));
    }
    return guid.toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a DNS name: labels of 1-63 letters, digits and hyphens (not at either end),
   * dot-separated, at most 253 characters; returns it in lower case.
   */
  static String requireDnsName(String name, String value, boolean requireDot) {
    Checks.notNull(value, name);
    String lower = value.toLowerCase(Locale.ROOT);
    boolean ok =
        !lower.isEmpty() && lower.length() <= 253 && (!requireDot || lower.indexOf('.') > 0);
    if (ok) {
      for (String label : lower.split("\\.", -1)) {
        ok &=
            !label.isEmpty()
                && label.length() <= 63
                && label.charAt(0) != '-'
                && label.charAt(label.length() - 1) != '-'
                && label
                    .chars()
                    .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
      }
    }
    if (!ok) {
      throw new InvalidInputException(
          name,
          value,
          name
              + " must be a DNS name (labels of 1-63 letters, digits or '-', at most 253 characters"
              + (requireDot ? ", at least two labels" : "")
              + "), was: "
              + Text.show(value));
    }
    return lower;
  }

  /**
   * Checks an address of the form {@code local@domain}: the local part 1-64 characters from the RFC
   * 5322 atom set plus dots, the domain a DNS name with at least two labels; returns it in lower
   * case.
   */
  static String requireAddress(String name, String value, int max) {
    Checks.notNull(value, name);
    int at = value.lastIndexOf('@');
    boolean ok = value.length() <= max && at > 0 && at <= 64 && value.indexOf('@') == at;
    if (ok) {
      String local = value.substring(0, at);
      ok =
          local.charAt(0) != '.'
              && local.charAt(local.length() - 1) != '.'
              && !local.contains("..")
              && local
                  .chars()
                  .allMatch(
                      c ->
                          Text.isAsciiAlphanumeric((char) c)
                              || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0);
    }
    if (!ok) {
      throw new InvalidInputException(
          name,
          value,
          name
              + " must be local@domain, at most "
              + max
              + " characters, local part 1-64 characters"
              + " (letters, digits, dots, !#$%&'*+/=?^_`{|}~-), was: "
              + Text.show(value));
    }
    String domain = requireDnsName(name + " domain", value.substring(at + 1), true);
    return value.substring(0, at).toLowerCase(Locale.ROOT) + "@" + domain;
  }
}
