/**
 * Parry's test kit: fakes with fault injection, virtual time, seeded generators, the contract tests
 * (TCK) vendors extend, and the demo.
 */
module dev.parry.testkit {
  requires transitive dev.parry.spi;
  requires transitive org.junit.jupiter.api;
  requires org.slf4j;

  exports dev.parry.testkit;
  exports dev.parry.testkit.fake;
  exports dev.parry.testkit.generate;
  exports dev.parry.testkit.random;
  exports dev.parry.testkit.tck;
  exports dev.parry.testkit.time;
  exports dev.parry.testkit.demo;

  // JUnit runs the contract tests' package-private test methods in vendors' subclasses.
  opens dev.parry.testkit.tck to
      org.junit.platform.commons;
}
