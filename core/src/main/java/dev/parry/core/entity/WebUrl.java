package dev.parry.core.entity;

import dev.parry.core.internal.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * An absolute {@code http} or {@code https} URL, as found in an email or a click.
 *
 * @param value at most 2,048 characters, no whitespace and no spoofing characters (see the package documentation), with a host
 */
public record WebUrl(String value) {

  /** The longest URL accepted: {@value}. */
  public static final int MAX_LENGTH = 2048;

  /**
   * Validates the URL.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is too long, not absolute http(s), has no host or holds whitespace
   */
  public WebUrl {
    Text.requireIdentifier("url", value, 1, MAX_LENGTH);
    if (value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("url must not contain whitespace, was: " + Text.show(value));
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI (" + e.getReason() + "), was: " + Text.show(value), e);
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("url must be absolute http or https, was: " + Text.show(value));
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("url must name a host, was: " + Text.show(value));
    }
  }

  /**
   * {@return the URL for {@code value}}
   *
   * <pre>{@code WebUrl url = WebUrl.of("https://login.example.net/reset");}</pre>
   *
   * @param value the URL
   * @throws IllegalArgumentException if the value is not a valid http(s) URL
   */
  public static WebUrl of(String value) {
    return new WebUrl(value);
  }

  /** {@return the host, in lower case} */
  public String host() {
    return Objects.requireNonNull(URI.create(value).getHost()).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
