package org.locspec.kernel.magic.builtin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.locspec.kernel.magic.Magic;
import org.locspec.kernel.magic.MagicCall;
import org.locspec.kernel.magic.MagicHost;
import org.locspec.kernel.magic.MagicUsageException;

/**
 * Resolves the paths given to {@code %jars} and {@code %classpath}: relative to the kernel's
 * working directory (the notebook's folder), {@code ~} for the home directory, and a glob in the
 * last part ({@code lib/*.jar}). Every entry must exist; a jar must be a readable jar.
 */
final class ClassPathEntries {
  private ClassPathEntries() {}

  /**
   * Resolves the paths of a call and adds them to the host's class path.
   *
   * @param host the kernel
   * @param magic the magic (for its error messages)
   * @param call the call, its arguments the paths
   * @param jarsOnly see {@link #resolve}
   * @return what was added
   * @throws MagicUsageException naming a path that is missing or not a jar
   */
  static ClassPathChange add(MagicHost host, Magic magic, MagicCall call, boolean jarsOnly) {
    List<Path> added = resolve(magic, call.args(), jarsOnly);
    return new ClassPathChange(added, host.addToClassPath(added));
  }

  /**
   * The entries the arguments name.
   *
   * @param magic the magic (for its error messages)
   * @param args the paths as written
   * @param jarsOnly true for {@code %jars}: a directory stands for the jars in it; false for {@code
   *     %classpath}: a directory is a class folder
   * @return absolute, normalized entries, in order, without repeats
   * @throws MagicUsageException naming the path that is missing or not a jar
   */
  static List<Path> resolve(Magic magic, List<String> args, boolean jarsOnly) {
    if (args.isEmpty()) {
      throw new MagicUsageException(magic.name(), "give at least one path", magic.usage());
    }
    List<Path> entries = new ArrayList<>();
    for (String arg : args) {
      for (Path p : expand(magic, arg)) {
        for (Path entry : Files.isDirectory(p) && jarsOnly ? jarsIn(magic, p) : List.of(p)) {
          check(magic, arg, entry);
          if (!entries.contains(entry)) {
            entries.add(entry);
          }
        }
      }
    }
    return entries;
  }

  private static Path absolute(String written) {
    String home = System.getProperty("user.home");
    String path =
        written.equals("~")
            ? home
            : written.startsWith("~/") ? home + written.substring(1) : written;
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static List<Path> expand(Magic magic, String written) {
    Path path = absolute(written);
    String last = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!last.matches(".*[*?\\[{].*")) {
      if (!Files.exists(path)) {
        throw fail(
            magic,
            "'"
                + written
                + "' does not exist (looked for "
                + path
                + "; relative"
                + " paths start in the kernel's working directory "
                + workingDirectory()
                + ")");
      }
      return List.of(path);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
    List<Path> matches = new ArrayList<>();
    if (Files.isDirectory(path.getParent())) {
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.getParent())) {
        dir.forEach(
            p -> {
              if (matcher.matches(p.getFileName())) {
                matches.add(p);
              }
            });
      } catch (IOException e) {
        throw fail(magic, "cannot list " + path.getParent() + ": " + e.getMessage());
      }
    }
    if (matches.isEmpty()) {
      throw fail(magic, "no file matches '" + written + "' (looked in " + path.getParent() + ")");
    }
    matches.sort(null);
    return matches;
  }

  private static List<Path> jarsIn(Magic magic, Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw fail(
            magic,
            "the directory "
                + dir
                + " holds no .jar files (for a folder of"
                + " classes use %classpath)");
      }
      return jars;
    } catch (IOException e) {
      throw fail(magic, "cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static void check(Magic magic, String written, Path entry) {
    if (Files.isDirectory(entry)) {
      return;
    }
    String name = entry.getFileName().toString();
    if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
      throw fail(magic, "'" + written + "' is not a jar (" + entry + ")");
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      jar.size();
    } catch (IOException e) {
      throw fail(
          magic, "'" + written + "' is not a readable jar (" + entry + "): " + e.getMessage());
    }
  }

  private static String workingDirectory() {
    return Path.of("").toAbsolutePath().toString();
  }

  private static MagicUsageException fail(Magic magic, String problem) {
    return new MagicUsageException(magic.name(), problem, magic.usage());
  }
}
