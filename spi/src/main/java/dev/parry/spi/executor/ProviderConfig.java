package dev.parry.spi.executor;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration handed to an {@link ExecutorProvider}: string properties, such as an endpoint or a
 * credential reference. {@link #toString()} shows the keys only, never the values.
 *
 * @param properties the settings by key, such as an endpoint or a credential reference (copied; may
 *     be empty); {@link #toString()} shows the keys only
 */
public record ProviderConfig(Map<String, String> properties) {

  /** An empty configuration. */
  public static final ProviderConfig EMPTY = new ProviderConfig(Map.of());

  /**
   * Copies the properties.
   *
   * @param properties the settings by key, such as an endpoint or a credential reference (copied;
   *     may be empty); {@link #toString()} shows the keys only
   * @throws InvalidInputException if the map, a key or a value is null
   */
  public ProviderConfig {
    for (Map.Entry<String, String> property : Checks.notNull(properties, "properties").entrySet()) {
      Checks.notNull(property.getKey(), "properties");
      Checks.notNull(property.getValue(), "properties[" + property.getKey() + "]");
    }
    properties = Map.copyOf(properties);
  }

  /**
   * {@return a configuration holding {@code properties}}: the documented way to make one, which
   * keeps compiling if the type gains a setting
   *
   * <pre>
   * {@code ProviderConfig config = ProviderConfig.of(Map.of("endpoint", "https://edr.example", "tenant", "contoso"));}
   * </pre>
   *
   * @param properties the properties (copied)
   * @throws InvalidInputException if the map, a key or a value is null
   */
  public static ProviderConfig of(Map<String, String> properties) {
    return new ProviderConfig(properties);
  }

  /**
   * {@return the property's value, if set}
   *
   * @param key the property name
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  @Override
  public String toString() {
    return "ProviderConfig{keys=" + properties.keySet() + "}";
  }
}
