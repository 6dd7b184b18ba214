package dev.parry.core.action;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.internal.Checks;

/**
 * The file hash an action kind's backend needs to act on a file: {@link ActionKind#requiredHash()}.
 * An action whose file lacks it is never sent to an executor: it waits for approval with a reason
 * saying which hash is missing, and approving it is refused ({@link
 * RemediationAction#missingForExecution()}).
 *
 * <pre>{@code
 * ActionKind.STOP_AND_QUARANTINE_FILE.requiredHash();          // SHA1
 * RequiredHash.SHA1.isMetBy(DeviceFile.anywhere(sha256));      // false
 * }</pre>
 */
public enum RequiredHash {
  /** The kind does not act on a file. */
  NONE,
  /** Either hash will do: every file carries at least one of SHA-256 and SHA-1. */
  ANY,
  /** The file's SHA-1: Defender's StopAndQuarantineFile takes one. */
  SHA1,
  /** The file's SHA-256. */
  SHA256;

  /**
   * {@return whether {@code file} carries what this asks for}
   *
   * @param file the file
   * @throws dev.parry.core.error.InvalidInputException if {@code file} is null
   */
  public boolean isMetBy(DeviceFile file) {
    Checks.notNull(file, "file");
    return switch (this) {
      case NONE, ANY -> true;
      case SHA1 -> file.sha1() != null;
      case SHA256 -> file.sha256() != null;
    };
  }
}
