package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A file, identified by any of its hashes (at least one of SHA-256 and SHA-1) and optionally by the
 * device and path it was found at.
 *
 * <p>A file without a device means "this file wherever it is" (stop and quarantine on every
 * device); with a device and path it is one copy, the target of an automated quarantine. Defender
 * reports many files with their SHA-1 alone, and its stop-and-quarantine API takes a SHA-1; each
 * action kind says which hash its backend needs ({@code ActionKind.requiredHash()}). The MD5 is
 * kept as an attribute only: it never identifies a file.
 *
 * <p><b>Key and sameness.</b> The key names the file by its strongest hash: the SHA-256 when known,
 * else the SHA-1 ({@code file:<hex>[@device[:path]]}; the two lengths never meet, and a file with a
 * SHA-256 keeps the key earlier releases gave it). Two reports of one file may carry different
 * hashes (one SHA-256 and SHA-1, one SHA-1 alone) and so different keys: {@link #sameAs(Entity)}
 * says they are the same file when they share a hash, disagree on none that both carry (MD5 aside),
 * and name the same device and path.
 *
 * @param sha256 the file's SHA-256, or null if not reported
 * @param sha1 the file's SHA-1, or null if not reported
 * @param device the device the copy was found on, or null for the file on every device
 * @param path where the copy is, or null if unknown; requires a device
 * @param md5 the file's MD5 if reported, or null: an attribute, never an identity
 */
public record DeviceFile(
    @Nullable Sha256 sha256,
    @Nullable Sha1 sha1,
    @Nullable DeviceId device,
    @Nullable FilePath path,
    @Nullable Md5 md5)
    implements DeviceEntity {

  /**
   * Validates the file.
   *
   * @param sha256 the file's SHA-256, or null if not reported
   * @param sha1 the file's SHA-1, or null if not reported
   * @param device the device the copy was found on, or null for the file on every device
   * @param path where the copy is, or null if unknown; requires a device
   * @param md5 the file's MD5 if reported, or null: an attribute, never an identity
   * @throws InvalidInputException if neither a SHA-256 nor a SHA-1 is given, or a path is given
   *     without a device
   */
  public DeviceFile {
    if (sha256 == null && sha1 == null) {
      throw new InvalidInputException(
          "sha256",
          null,
          "a file needs a SHA-256 or a SHA-1 (an MD5 does not identify it), was: "
              + "sha256=null, sha1=null"
              + (md5 == null ? "" : ", md5=" + md5));
    }
    if (path != null && device == null) {
      throw new InvalidInputException(
          "device", path, "a file path needs the device it is on, path was: " + path);
    }
  }

  /**
   * Creates a file without an MD5.
   *
   * @param sha256 the file's SHA-256, or null
   * @param sha1 the file's SHA-1, or null
   * @param device the device, or null
   * @param path the path, or null; requires a device
   * @throws InvalidInputException as the canonical constructor
   */
  public DeviceFile(
      @Nullable Sha256 sha256,
      @Nullable Sha1 sha1,
      @Nullable DeviceId device,
      @Nullable FilePath path) {
    this(sha256, sha1, device, path, null);
  }

  /**
   * {@return one copy of a file, on a device at a path}
   *
   * <pre>{@code
   * DeviceFile copy = DeviceFile.onDevice(Sha256.of(hex), DeviceId.of("a3f7c19e"),
   *     WindowsPath.of("C:\\Temp\\invoice.exe"));
   * }</pre>
   *
   * @param sha256 the file's SHA-256
   * @param device the device
   * @param path the file's path on it
   * @throws InvalidInputException if an argument is null
   */
  public static DeviceFile onDevice(Sha256 sha256, DeviceId device, FilePath path) {
    return new DeviceFile(
        Checks.notNull(sha256, "sha256"),
        null,
        Checks.notNull(device, "device"),
        Checks.notNull(path, "path"));
  }

  /**
   * {@return one copy of a file known by its SHA-1 alone, on a device at a path}
   *
   * <pre>{@code
   * DeviceFile copy = DeviceFile.onDevice(Sha1.of(hex), DeviceId.of("a3f7c19e"), PosixPath.of("/tmp/x"));
   * }</pre>
   *
   * @param sha1 the file's SHA-1
   * @param device the device
   * @param path the file's path on it
   * @throws InvalidInputException if an argument is null
   */
  public static DeviceFile onDevice(Sha1 sha1, DeviceId device, FilePath path) {
    return new DeviceFile(
        null,
        Checks.notNull(sha1, "sha1"),
        Checks.notNull(device, "device"),
        Checks.notNull(path, "path"));
  }

  /**
   * {@return a file identified by its SHA-256 alone, wherever it is}
   *
   * @param sha256 the file's SHA-256
   * @throws InvalidInputException if {@code sha256} is null
   */
  public static DeviceFile anywhere(Sha256 sha256) {
    return new DeviceFile(Checks.notNull(sha256, "sha256"), null, null, null);
  }

  /**
   * {@return a file identified by its SHA-1 alone, wherever it is}
   *
   * @param sha1 the file's SHA-1
   * @throws InvalidInputException if {@code sha1} is null
   */
  public static DeviceFile anywhere(Sha1 sha1) {
    return new DeviceFile(null, Checks.notNull(sha1, "sha1"), null, null);
  }

  /** {@return the hex of the strongest hash known: the SHA-256 if reported, else the SHA-1} */
  public String strongestHash() {
    return sha256 != null ? sha256.hex() : Objects.requireNonNull(sha1).hex();
  }

  @Override
  public EntityKey key() {
    // one concatenation per shape: the key is built for every dispatch and every new action
    String hash = strongestHash();
    if (device == null) {
      return EntityKey.derived("file:" + hash);
    }
    if (path == null) {
      return EntityKey.derived("file:" + hash + "@" + device.value());
    }
    return EntityKey.derived("file:" + hash + "@" + device.value() + ":" + path.comparisonKey());
  }

  @Override
  public Set<EntityKey> keys() {
    String place =
        (device == null ? "" : "@" + device.value())
            + (path == null ? "" : ":" + path.comparisonKey());
    Set<EntityKey> keys = new LinkedHashSet<>();
    keys.add(key());
    if (sha256 != null) {
      keys.add(EntityKey.derived("file:" + sha256.hex() + place));
    }
    if (sha1 != null) {
      keys.add(EntityKey.derived("file:" + sha1.hex() + place));
    }
    return Set.copyOf(keys);
  }

  /**
   * {@return whether {@code other} is this file}: a file on the same device and path (both absent,
   * or equal) that shares a SHA-256 or a SHA-1 with this one and disagrees on neither where both
   * carry it. A SHA-1 shared while the SHA-256 differ is two files (SHA-1 collisions can be made);
   * the MD5 is never compared.
   *
   * @param other another entity
   */
  @Override
  public boolean sameAs(Entity other) {
    if (!(other instanceof DeviceFile that)
        || !Objects.equals(device, that.device)
        || !Objects.equals(path, that.path)) {
      return false;
    }
    Sha256 mine256 = sha256;
    Sha1 mine1 = sha1;
    boolean both256 = mine256 != null && that.sha256 != null;
    boolean both1 = mine1 != null && that.sha1 != null;
    if ((mine256 != null && that.sha256 != null && !mine256.equals(that.sha256))
        || (mine1 != null && that.sha1 != null && !mine1.equals(that.sha1))) {
      return false; // they disagree on a hash both carry: two files
    }
    return both256 || both1;
  }

  @Override
  public Optional<DeviceId> deviceId() {
    return Optional.ofNullable(device);
  }

  @Override
  public Optional<FilePath> filePath() {
    return Optional.ofNullable(path);
  }
}
