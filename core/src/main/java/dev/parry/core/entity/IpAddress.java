package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * An IP address seen as evidence (Graph's {@code ipEvidence}, an endpoint alert's remote address):
 * one IPv4 or IPv6 address, never a range, a host name or a zone. Defender's answer to a malicious
 * address is a block indicator, a tenant setting rather than an action, so the plan table plans
 * nothing for it (core/DOMAIN.md D23b).
 *
 * <p>The value is parsed here, character by character: nothing is ever looked up in DNS. An IPv4
 * address is four decimal octets 0-255 without leading zeros ({@code 010.0.0.1} is refused: some
 * readers take it for octal). An IPv6 address is kept as RFC 5952 writes it: lower case, leading
 * zeros dropped, the longest run of two or more zero groups (the first, on a tie) written {@code
 * ::}; an IPv4-mapped address ({@code ::ffff:0:0/96}) keeps its last 32 bits as a dotted quad. An
 * IPv4-mapped address and the IPv4 address it maps are two values.
 *
 * <pre>{@code
 * IpAddress c2 = IpAddress.of("203.0.113.45");
 * IpAddress v6 = IpAddress.of("2001:0DB8:0:0::1");   // 2001:db8::1
 * EntityKey key = v6.key();                           // ip:2001:db8::1
 * }</pre>
 *
 * @param value the address in its canonical form
 */
public record IpAddress(String value) implements EmailEntity {

  /**
   * The longest text of an address: an IPv6 address ending in a dotted quad, {@value} characters.
   */
  private static final int MAX_TEXT = 45;

  /**
   * Validates the address and puts it in its canonical form.
   *
   * @param value the address in its canonical form
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not one IPv4 or IPv6 address, naming the value
   */
  public IpAddress {
    Checks.notNull(value, "ipAddress");
    @Nullable String canonical =
        value.length() > MAX_TEXT
            ? null
            : value.indexOf(':') >= 0
                ? canonicalV6(value)
                : (parseV4(value, new int[4]) ? value : null);
    if (canonical == null) {
      throw new InvalidInputException(
          "ipAddress",
          value,
          "ipAddress must be an IPv4 address (four decimal octets 0-255, no leading"
              + " zeros) or an IPv6 address (no brackets, prefix or zone), was: "
              + Text.show(value));
    }
    value = canonical;
  }

  /**
   * {@return the address {@code value} names}
   *
   * <pre>{@code IpAddress ip = IpAddress.of("203.0.113.45");}</pre>
   *
   * @param value an IPv4 or IPv6 address
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not one IPv4 or IPv6 address
   */
  public static IpAddress of(String value) {
    return new IpAddress(value);
  }

  /** {@return whether this is an IPv6 address} */
  public boolean isV6() {
    return value.indexOf(':') >= 0;
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("ip:" + value);
  }

  @Override
  public String toString() {
    return "IpAddress{value=" + value + "}";
  }

  /**
   * Reads a dotted quad into {@code octets}; false unless it is four decimal octets 0-255 without
   * leading zeros.
   */
  private static boolean parseV4(String text, int[] octets) {
    int octet = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '.') {
        continue;
      }
      int digits = i - start;
      if (octet == 4 || digits < 1 || digits > 3 || (digits > 1 && text.charAt(start) == '0')) {
        return false;
      }
      int number = 0;
      for (int j = start; j < i; j++) {
        char c = text.charAt(j);
        if (c < '0' || c > '9') {
          return false;
        }
        number = number * 10 + (c - '0');
      }
      if (number > 255) {
        return false;
      }
      octets[octet++] = number;
      start = i + 1;
    }
    return octet == 4;
  }

  /** {@return the canonical form of an IPv6 address, or null if {@code text} is not one} */
  private static @Nullable String canonicalV6(String text) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1; // where "::" stands, in groups
    int i = 0;
    if (text.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (text.startsWith(":")) {
      return null;
    }
    while (i < text.length()) {
      int end = text.indexOf(':', i);
      String part = text.substring(i, end < 0 ? text.length() : end);
      if (end < 0 && part.indexOf('.') >= 0) { // an IPv4 tail: two groups
        int[] octets = new int[4];
        if (count > 6 || !parseV4(part, octets)) {
          return null;
        }
        groups[count++] = octets[0] << 8 | octets[1];
        groups[count++] = octets[2] << 8 | octets[3];
        break;
      }
      if (part.isEmpty() || part.length() > 4 || count == 8) {
        return null;
      }
      int group = 0;
      for (int j = 0; j < part.length(); j++) {
        int digit = Character.digit(part.charAt(j), 16);
        if (digit < 0
            || part.charAt(j)
                > 'f') { // ASCII hex only: Character.digit also reads other scripts' digits
          return null;
        }
        group = group << 4 | digit;
      }
      groups[count++] = group;
      if (end < 0) {
        break;
      }
      if (end + 1 < text.length() && text.charAt(end + 1) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i = end + 2;
      } else if (end + 1 == text.length()) {
        return null;
      } else {
        i = end + 1;
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
    }
    return format(full);
  }

  /** {@return the RFC 5952 text of eight groups} */
  private static String format(int[] groups) {
    if (groups[0] == 0
        && groups[1] == 0
        && groups[2] == 0
        && groups[3] == 0
        && groups[4] == 0
        && groups[5] == 0xffff) {
      return "::ffff:"
          + (groups[6] >> 8)
          + "."
          + (groups[6] & 0xff)
          + "."
          + (groups[7] >> 8)
          + "."
          + (groups[7] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int start = 0; start < 8; ) {
      int end = start;
      while (end < 8 && groups[end] == 0) {
        end++;
      }
      if (end - start > bestLength) {
        bestStart = start;
        bestLength = end - start;
      }
      start = end == start ? start + 1 : end;
    }
    StringBuilder out = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[g]));
    }
    return out.toString();
  }
}
