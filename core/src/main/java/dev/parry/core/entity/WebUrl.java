package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code http} or {@code https} URL, as found in an email, a click or an endpoint alert.
 *
 * <p>Endpoint alerts report URLs without a scheme ({@code fabrikam.example/pay}) or after a {@code
 * uri=} prefix ({@code uri=http://203.0.113.45/a.ps1}). The value is kept exactly as given; {@link
 * #normalized()} drops a leading {@code uri=} (any case) and adds {@code http://} when no scheme is
 * left, and that form is the one checked, matched (the {@link Url} entity's key, allow indicators)
 * and read by {@link #host()}. A URL that was absolute {@code http} or {@code https} normalizes to
 * itself. Text that starts like a scheme ({@code javascript:}, {@code localhost:8080}) is read as
 * one, and refused unless it is http or https; a host with a dot followed by a port ({@code
 * fabrikam.example:8080/a}) is a host, not a scheme.
 *
 * <pre>{@code
 * WebUrl bare = WebUrl.of("fabrikam.example/pay");
 * bare.value();       // fabrikam.example/pay
 * bare.normalized();  // http://fabrikam.example/pay
 * }</pre>
 *
 * @param value at most 2,048 characters (2,048 once normalized), no whitespace and no spoofing
 *     characters (see the package documentation); once normalized, an http or https URL with a host
 */
public record WebUrl(String value) {

  /** The longest URL accepted, as given and once normalized: {@value}. */
  public static final int MAX_LENGTH = 2048;

  /** A scheme, RFC 3986: a letter, then letters, digits, {@code + - .}, then a colon. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** A host with a dot and a port, which {@link #SCHEME} would take for a scheme. */
  private static final Pattern HOST_AND_PORT =
      Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+:[0-9]{1,5}([/?#].*)?$");

  /**
   * Validates the URL in its normalized form.
   *
   * @param value at most 2,048 characters (2,048 once normalized), no whitespace and no spoofing
   *     characters (see the package documentation); once normalized, an http or https URL with a
   *     host
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is too long, holds whitespace or a spoofing character, or
   *     once normalized is not an http or https URL with a host; the message shows the value
   */
  public WebUrl {
    Text.requireIdentifier("url", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(
          "url", value, "url must not contain whitespace, was: " + Text.show(value));
    }
    String normalized = normalize(value);
    if (normalized.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "url",
          value,
          "url must be at most "
              + MAX_LENGTH
              + " characters once http:// is added, was "
              + normalized.length()
              + ": "
              + Text.show(value));
    }
    URI uri;
    try {
      uri = new URI(normalized);
    } catch (URISyntaxException e) {
      throw new InvalidInputException(
          "url",
          value,
          "url is not a valid URI (" + e.getReason() + "), was: " + Text.show(value),
          e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new InvalidInputException(
          "url", value, "url must be http or https (or name no scheme), was: " + Text.show(value));
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new InvalidInputException(
          "url", value, "url must name a host, was: " + Text.show(value));
    }
  }

  /**
   * {@return the URL for {@code value}}
   *
   * <pre>{@code WebUrl url = WebUrl.of("https://login.example.net/reset");}</pre>
   *
   * @param value the URL, with or without a scheme, perhaps after {@code uri=}
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the value is not a valid http(s) URL once normalized
   */
  public static WebUrl of(String value) {
    return new WebUrl(value);
  }

  /**
   * {@return the URL as Parry matches it}: without a leading {@code uri=}, with {@code http://}
   * added when it names no scheme; otherwise exactly the value
   */
  public String normalized() {
    return normalize(value);
  }

  /** {@return the host of the normalized URL, in lower case} */
  public String host() {
    return Objects.requireNonNull(URI.create(normalized()).getHost()).toLowerCase(Locale.ROOT);
  }

  private static String normalize(String value) {
    if (value.regionMatches(true, 0, "https://", 0, 8)
        || value.regionMatches(true, 0, "http://", 0, 7)) {
      return value; // the common case, and every URL valid before scheme-less ones were accepted
    }
    String rest = value.regionMatches(true, 0, "uri=", 0, 4) ? value.substring(4) : value;
    boolean hasScheme = SCHEME.matcher(rest).find() && !HOST_AND_PORT.matcher(rest).matches();
    return hasScheme ? rest : "http://" + rest;
  }

  @Override
  public String toString() {
    return value;
  }
}
