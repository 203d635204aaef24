package org.locspec.zoo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.locspec.data.DataFileException;
import org.locspec.modelfile.ModelFile;

/**
 * The files of a model zoo: the folder of each model, entries written whole (temporary file, then
 * rename), a lock per model so that two processes never train one model at once, the hidden folder
 * a model is trained into before it is renamed into place, and the models stored in the layout of
 * zoos before architectures ({@code <dataset>/<regime>/seed<k>}), which are read where they are.
 */
final class ZooFolders {
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private ZooFolders() {}

  /** A held lock on one model of a zoo; closing it releases the lock. */
  static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release a zoo lock: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Takes the lock of a model folder ({@code .seed<k>.lock} beside it), or returns null when
   * another process holds it.
   */
  static Lock tryLock(Path modelDir) {
    Path file = modelDir.resolveSibling("." + modelDir.getFileName() + ".lock");
    try {
      Files.createDirectories(modelDir.getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          ch.close();
          return null;
        }
        return new Lock(ch, lock);
      } catch (OverlappingFileLockException e) {
        ch.close();
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** A new hidden folder beside a model folder to train it into. */
  static Path partialDir(Path modelDir) throws IOException {
    Path dir =
        Files.createTempDirectory(modelDir.getParent(), "." + modelDir.getFileName() + ".partial-");
    // a temporary folder is private to its owner; the model folder it becomes is shared like the
    // zoo's other folders
    if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  /**
   * Deletes the hidden folders of a model that a stopped run left: a model being trained ({@code
   * .seed<k>.partial-*}) or an older model being replaced ({@code .seed<k>.old-*}). Call it with
   * the model's lock held.
   */
  static void deleteStalePartials(Path modelDir) {
    String partial = "." + modelDir.getFileName() + ".partial-";
    String old = "." + modelDir.getFileName() + ".old-";
    if (!Files.isDirectory(modelDir.getParent())) {
      return;
    }
    try (Stream<Path> s = Files.list(modelDir.getParent())) {
      for (Path p :
          s.filter(
                  p ->
                      p.getFileName().toString().startsWith(partial)
                          || p.getFileName().toString().startsWith(old))
              .toList()) {
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot clean up " + modelDir.getParent() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Puts a complete model folder in place of {@code modelDir}: a model already there (with another
   * description) is first renamed aside, then the new one renamed in, then the old one deleted;
   * each rename is atomic, so the folder holds the old model, the new one or nothing.
   */
  static void replace(Path complete, Path modelDir) throws IOException {
    Path old = null;
    if (Files.exists(modelDir)) {
      String name = "." + modelDir.getFileName() + ".old-" + ProcessHandle.current().pid();
      old = modelDir.resolveSibling(name);
      deleteTree(old);
      Files.move(modelDir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(complete, modelDir, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
  }

  /** Deletes a folder and everything in it; nothing when it does not exist. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The entry of a model folder, or null when it has none. */
  static ZooEntry readEntry(Path dir) {
    Path f = dir.resolve(ModelZoo.ENTRY_FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      ZooEntry e = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), ZooEntry.class);
      if (e == null) {
        throw new JsonParseException("empty file");
      }
      return e;
    } catch (IOException | JsonParseException | NullPointerException | IllegalArgumentException e) {
      throw new DataFileException(
          f,
          "cannot read zoo entry "
              + f
              + ": "
              + e.getMessage()
              + ". Delete the folder "
              + dir
              + " and build the zoo again.",
          e);
    }
  }

  /** Writes a model folder's entry whole: a temporary file, then a rename. */
  static void writeEntry(Path dir, ZooEntry entry) {
    writeAtomically(dir.resolve(ModelZoo.ENTRY_FILE), GSON.toJson(entry));
  }

  /** Writes a text file whole: a temporary file beside it, then a rename. */
  static void writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The folder of a model: {@code <root>/<dataset>/<architecture>/<regime>/seed<k>}. */
  static Path dir(Path root, String dataset, ZooArchitecture a, ZooRegime r, long seed) {
    return root.resolve(dataset).resolve(a.id()).resolve(r.id()).resolve("seed" + seed);
  }

  /**
   * The folder of a model of the layout before architectures, {@code <dataset>/<regime>/seed<k>}:
   * MLPs of the regimes plain, dropout, l1 and "pruning" (today's dropout-pruned); null for any
   * other model.
   */
  static Path legacyDir(Path root, String dataset, ZooArchitecture a, ZooRegime r, long seed) {
    if (a != ZooArchitecture.MLP) {
      return null;
    }
    String regime =
        switch (r) {
          case PLAIN, DROPOUT, L1 -> r.id();
          case DROPOUT_PRUNED -> ZooRegime.LEGACY_PRUNING;
          default -> null;
        };
    return regime == null ? null : root.resolve(dataset).resolve(regime).resolve("seed" + seed);
  }

  /**
   * The folder a model is stored in: today's ({@link #dir}) when it holds a model, else the folder
   * of the layout before architectures when that holds one, else today's (which does not exist
   * yet).
   */
  static Path storedDir(Path root, String dataset, ZooArchitecture a, ZooRegime r, long seed) {
    Path dir = dir(root, dataset, a, r, seed);
    Path legacy = legacyDir(root, dataset, a, r, seed);
    if (ModelFile.exists(dir) || legacy == null || !ModelFile.exists(legacy)) {
      return dir;
    }
    return legacy;
  }

  /** {@link #storedDir} of a model of a grid. */
  static Path storedDir(Path root, ZooModel m) {
    return storedDir(root, m.dataset(), m.architecture(), m.regime(), m.seed());
  }

  /**
   * The entries of a zoo: those of today's layout ({@code
   * <dataset>/<architecture>/<regime>/seed<k>}) and those of the layout before architectures that
   * today's layout does not hold (their regime "pruning" read as "dropout-pruned").
   */
  static List<ZooEntry> entries(Path root) {
    List<ZooEntry> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    java.util.Set<String> labels = new java.util.HashSet<>();
    for (Path dir : entryFolders(root, 5)) {
      ZooEntry e = readEntry(dir);
      out.add(e);
      labels.add(e.label());
    }
    for (Path dir : entryFolders(root, 4)) {
      ZooEntry e = readEntry(dir);
      String regime;
      try {
        regime = ZooRegime.parse(e.regime()).id();
      } catch (IllegalArgumentException unknown) {
        regime = e.regime();
      }
      ZooEntry today = withRegime(e, regime);
      if (labels.add(today.label())) {
        out.add(today);
      }
    }
    return out;
  }

  private static List<Path> entryFolders(Path root, int depth) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.find(root, depth, (p, a) -> isEntry(root, p, depth))) {
      files.forEach(f -> out.add(f.getParent()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the model zoo " + root + ": " + e.getMessage() + "; check the folder", e);
    }
    return out;
  }

  private static boolean isEntry(Path root, Path file, int depth) {
    if (!file.getFileName().toString().equals(ModelZoo.ENTRY_FILE)) {
      return false;
    }
    Path rel = root.relativize(file);
    if (rel.getNameCount() != depth) {
      return false;
    }
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private static ZooEntry withRegime(ZooEntry e, String regime) {
    return new ZooEntry(
        e.dataset(),
        e.architecture(),
        regime,
        e.seed(),
        e.testAccuracy(),
        e.sparsity(),
        e.seconds(),
        e.epochs(),
        e.trainImages(),
        e.testImages(),
        e.description());
  }
}
