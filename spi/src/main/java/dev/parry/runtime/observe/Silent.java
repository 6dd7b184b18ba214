package dev.parry.runtime.observe;

/** Records nothing: {@link Instrumentation#none()}. */
enum Silent implements Instrumentation {
  INSTANCE;

  @Override
  public String toString() {
    return "Instrumentation.none()";
  }
}
