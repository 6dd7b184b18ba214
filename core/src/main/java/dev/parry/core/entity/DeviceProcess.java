package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A running process on a device, the target of "kill process".
 *
 * <p>A process id alone does not name a process: once a process ends, the operating system may give
 * its id to another. A process is therefore known by its id <em>and</em> its creation time; a
 * {@code KillProcess} whose process lacks the creation time is never sent to an executor (it waits
 * for approval with a reason saying so, and approving it is refused), and an executor must not kill
 * a process with that id created at another time (SPEC EXE-13).
 *
 * <p><b>Key and sameness.</b> The key is {@code process:device:pid:image[@creationTime]}; a process
 * reported without its creation time keeps the key earlier releases gave it. {@link
 * #sameAs(Entity)} treats a report without the creation time and one with it as the same process
 * when device, id and image agree; two different creation times are two processes.
 *
 * <p>Pid 0 (the idle process) is refused: it is never a process that can be killed.
 *
 * @param device the device it runs on
 * @param processId the operating system's process id, positive
 * @param imagePath the executable the process runs, or null when its path was not reported or was
 *     refused (folder rules and exclusions then cannot clear it: it is handled on the cautious
 *     side)
 * @param creationTime when the process was created, or null if not reported
 * @param commandLine the command line it was started with, or null if not reported; free text, kept
 *     as given (no control characters), at most {@value #MAX_COMMAND_LINE} characters
 * @param parent the process that started it, or null if not reported
 */
public record DeviceProcess(
    DeviceId device,
    long processId,
    @Nullable FilePath imagePath,
    @Nullable Instant creationTime,
    @Nullable String commandLine,
    @Nullable ParentProcess parent)
    implements DeviceEntity {

  /** The longest command line accepted, Windows' limit: {@value}. */
  public static final int MAX_COMMAND_LINE = 32_768;

  /**
   * Validates the process.
   *
   * @param device the device it runs on
   * @param processId the operating system's process id, positive
   * @param imagePath the executable the process runs, or null when its path was not reported or was
   *     refused (folder rules and exclusions then cannot clear it: it is handled on the cautious
   *     side)
   * @param creationTime when the process was created, or null if not reported
   * @param commandLine the command line it was started with, or null if not reported; free text,
   *     kept as given (no control characters), at most {@value #MAX_COMMAND_LINE} characters
   * @param parent the process that started it, or null if not reported
   * @throws InvalidInputException if {@code device} is null
   * @throws InvalidInputException if {@code processId} is not positive, or the command line is too
   *     long (it may hold any character, as a command line can: it is kept exactly and never
   *     logged)
   */
  public DeviceProcess {
    Checks.notNull(device, "device");
    if (processId <= 0) {
      throw new InvalidInputException(
          "processId", processId, "processId must be positive, was: " + processId);
    }
    if (commandLine != null && commandLine.length() > MAX_COMMAND_LINE) {
      throw new InvalidInputException(
          "commandLine",
          commandLine.length(),
          "commandLine must be at most "
              + MAX_COMMAND_LINE
              + " characters, was "
              + commandLine.length());
    }
  }

  /**
   * Creates a process known by its id and image only, as earlier releases did: it cannot be killed
   * until its creation time is known.
   *
   * @param device the device
   * @param processId the process id
   * @param imagePath the executable
   * @throws InvalidInputException if {@code device} or {@code imagePath} is null
   * @throws InvalidInputException if {@code processId} is not positive
   */
  public DeviceProcess(DeviceId device, long processId, FilePath imagePath) {
    this(device, processId, imagePath, null, null, null);
  }

  /**
   * {@return a process known by its id and creation time}, the form {@code KillProcess} can be sent
   * with
   *
   * <pre>{@code
   * DeviceProcess miner = DeviceProcess.of(DeviceId.of("a3f7c19e"), 4242,
   *     Instant.parse("2026-03-01T08:59:12.345Z"), WindowsPath.of("C:\\ProgramData\\svc\\miner.exe"));
   * }</pre>
   *
   * @param device the device
   * @param processId the process id
   * @param creationTime when the process was created
   * @param imagePath the executable
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if {@code processId} is not positive
   */
  public static DeviceProcess of(
      DeviceId device, long processId, Instant creationTime, FilePath imagePath) {
    return new DeviceProcess(
        device, processId, imagePath, Checks.notNull(creationTime, "creationTime"), null, null);
  }

  /**
   * {@return this process with its command line}
   *
   * @param value the command line
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is too long or holds a control character
   */
  public DeviceProcess withCommandLine(String value) {
    return new DeviceProcess(
        device, processId, imagePath, creationTime, Checks.notNull(value, "commandLine"), parent);
  }

  /**
   * {@return this process with the process that started it}
   *
   * @param value the parent
   * @throws InvalidInputException if {@code value} is null
   */
  public DeviceProcess withParent(ParentProcess value) {
    return new DeviceProcess(
        device, processId, imagePath, creationTime, commandLine, Checks.notNull(value, "parent"));
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "process:"
            + device.value()
            + ":"
            + processId
            + ":"
            + (imagePath == null ? "" : imagePath.comparisonKey())
            + (creationTime == null ? "" : "@" + creationTime));
  }

  /**
   * {@return whether {@code other} is this process}: the same device and id, and the same image and
   * creation time where both reports carry them
   *
   * @param other another entity
   */
  @Override
  public boolean sameAs(Entity other) {
    return other instanceof DeviceProcess that
        && device.equals(that.device)
        && processId == that.processId
        && (imagePath == null || that.imagePath == null || imagePath.equals(that.imagePath))
        && (creationTime == null
            || that.creationTime == null
            || creationTime.equals(that.creationTime));
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.of(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.ofNullable(imagePath);
  }

  @Override
  public String toString() {
    return "DeviceProcess{device="
        + device
        + ", processId="
        + processId
        + ", imagePath="
        + imagePath
        + ", creationTime="
        + creationTime
        + ", commandLine="
        + (commandLine == null
            ? "null"
            : "(" + commandLine.length() + " characters, not shown: it may hold credentials)")
        + ", parent="
        + parent
        + "}";
  }
}
