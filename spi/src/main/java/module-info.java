/**
 * What vendors implement (executors, found with {@link java.util.ServiceLoader} through {@link
 * dev.parry.spi.executor.ExecutorProvider}; the investigation store; the authorizer), the runtime
 * that drives them, and the in-memory and JDBC stores.
 *
 * <p>Every exported package is API; the {@code internal} packages are not.
 */
@SuppressWarnings("requires-automatic") // Micrometer's jars name their modules in the manifest
module dev.parry.spi {
  requires transitive dev.parry.core;
  requires transitive java.sql;
  requires org.slf4j;
  // Optional: only the Micrometer adapter uses them, when a service hands it its registries.
  requires static micrometer.observation;
  requires static micrometer.core;

  exports dev.parry.runtime;
  exports dev.parry.runtime.micrometer;
  exports dev.parry.runtime.observe;
  exports dev.parry.spi.audit;
  exports dev.parry.spi.auth;
  exports dev.parry.spi.defender;
  exports dev.parry.spi.executor;
  exports dev.parry.spi.json;
  exports dev.parry.spi.safety;
  exports dev.parry.spi.store;

  // the PostgreSQL schema scripts, for migration tools that run them
  opens dev.parry.spi.store.schema;

  uses dev.parry.spi.executor.ExecutorProvider;
}
