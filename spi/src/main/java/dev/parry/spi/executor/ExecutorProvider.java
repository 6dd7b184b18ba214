package dev.parry.spi.executor;

/**
 * Creates an executor; found with {@link java.util.ServiceLoader}. List the implementing class in
 * {@code META-INF/services/dev.parry.spi.executor.ExecutorProvider}.
 *
 * <pre>{@code
 * public final class AcmeEdrProvider implements ExecutorProvider {
 *   public String name() { return "acme-edr"; }
 *   public ActionExecutor create(ProviderConfig config) {
 *     return new AcmeDeviceExecutor(config.get("endpoint").orElseThrow());
 *   }
 * }
 * }</pre>
 */
public interface ExecutorProvider {

  /** {@return the provider's name, unique among the providers on the class path} */
  String name();

  /**
   * {@return a new executor}
   *
   * @param config the configuration the runtime builder was given for this provider's name
   */
  ActionExecutor create(ProviderConfig config);
}
