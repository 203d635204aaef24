package org.locspec.kernel.inspect;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc comments read from Java sources: source folders and {@code *-sources.jar} files. A source
 * file is parsed (not compiled) once and its comments kept by declaration.
 *
 * <p>Where sources are looked for: the system property {@value #SOURCES_PROPERTY} (a path list; the
 * kernel launcher sets LocSpec's own source folders) and, for every jar on the class path, a {@code
 * NAME-sources.jar} beside it.
 */
public final class JavadocSources {
  /** System property with source folders or source jars, separated by the path separator. */
  public static final String SOURCES_PROPERTY = "locspec.sources";

  private final List<Path> roots;
  private final Map<String, Map<String, String>> parsed = new ConcurrentHashMap<>();
  private final Map<Path, FileSystem> jars = new ConcurrentHashMap<>();

  /**
   * Sources in the given roots.
   *
   * @param roots source folders or source jars; missing ones are skipped
   */
  public JavadocSources(List<Path> roots) {
    this.roots = roots.stream().filter(Files::exists).toList();
  }

  /** The sources the system properties name ({@value #SOURCES_PROPERTY}, class path jars). */
  public static JavadocSources fromSystemProperties() {
    List<Path> roots = new ArrayList<>();
    for (String p : System.getProperty(SOURCES_PROPERTY, "").split(File.pathSeparator)) {
      if (!p.isBlank()) {
        roots.add(Path.of(p));
      }
    }
    for (String p : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (p.endsWith(".jar")) {
        roots.add(Path.of(p.substring(0, p.length() - 4) + "-sources.jar"));
      }
    }
    return new JavadocSources(roots);
  }

  /** The folders and jars searched, those that exist. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The doc comment of a class, method or field.
   *
   * @param className the class's canonical name, e.g. "org.locspec.data.Datasets"
   * @param member null for the class itself; a method or field name otherwise
   * @param parameterTypes for a method: its parameter types (simple or qualified names, generics
   *     and {@code ...} allowed); null to match any overload, and for fields
   * @return the raw comment, if a source declares it with one
   */
  public Optional<String> find(String className, String member, List<String> parameterTypes) {
    Map<String, String> docs = docsOf(className);
    String type = className.substring(packageOf(className, docs).length());
    if (member == null) {
      return Optional.ofNullable(docs.get(type));
    }
    if (parameterTypes != null) {
      String exact = docs.get(type + "#" + member + signature(parameterTypes));
      if (exact != null) {
        return Optional.of(exact);
      }
    }
    String prefix = type + "#" + member + "(";
    Optional<String> method =
        docs.entrySet().stream()
            .filter(
                e ->
                    e.getKey().startsWith(prefix)
                        && (parameterTypes == null || arity(e.getKey()) == parameterTypes.size()))
            .map(Map.Entry::getValue)
            .findFirst();
    return method.isPresent() ? method : Optional.ofNullable(docs.get(type + "#" + member));
  }

  private static int arity(String key) {
    String params = key.substring(key.indexOf('(') + 1, key.length() - 1);
    return params.isEmpty() ? 0 : params.split(",").length;
  }

  /** The doc comments of the source file that declares a class ("" maps to nothing found). */
  private Map<String, String> docsOf(String className) {
    String[] parts = className.split("\\.");
    for (int top = parts.length - 1; top >= 0; top--) { // try Outer.Inner as nested classes
      String relative = String.join("/", List.of(parts).subList(0, top + 1)) + ".java";
      for (Path root : roots) {
        Path file = resolve(root, relative);
        if (file != null && Files.isRegularFile(file)) {
          return parsed.computeIfAbsent(root + "!" + relative, k -> parse(file));
        }
      }
    }
    return Map.of();
  }

  private static String packageOf(String className, Map<String, String> docs) {
    String pkg = docs.getOrDefault("", "");
    return pkg.isEmpty() || !className.startsWith(pkg + ".") ? "" : pkg + ".";
  }

  private Path resolve(Path root, String relative) {
    if (Files.isDirectory(root)) {
      return root.resolve(relative);
    }
    FileSystem fs =
        jars.computeIfAbsent(
            root,
            r -> {
              try {
                return FileSystems.newFileSystem(URI.create("jar:" + r.toUri()), Map.of());
              } catch (IOException | RuntimeException e) {
                return null;
              }
            });
    return fs == null ? null : fs.getPath(relative);
  }

  /** Parses a file: keys "" (package), "Outer.Inner", "Type#method(T1,T2)", "Type#field". */
  private static Map<String, String> parse(Path file) {
    Map<String, String> docs = new HashMap<>();
    try {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      JavaFileObject unit =
          new SimpleJavaFileObject(
              URI.create("string:///" + file.getFileName()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      JavacTask task =
          (JavacTask)
              javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(unit));
      DocTrees trees = DocTrees.instance(task);
      for (CompilationUnitTree cu : task.parse()) {
        docs.put("", cu.getPackageName() == null ? "" : cu.getPackageName().toString());
        new Collector(trees, docs).scan(cu, null);
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable source only means no documentation
    }
    return docs;
  }

  /** Collects the doc comment of every class, method and field. */
  private static final class Collector extends TreePathScanner<Void, Void> {
    private final DocTrees trees;
    private final Map<String, String> docs;
    private final List<String> classes = new ArrayList<>();

    Collector(DocTrees trees, Map<String, String> docs) {
      this.trees = trees;
      this.docs = docs;
    }

    private void put(String key) {
      String doc = trees.getDocComment(getCurrentPath());
      if (doc != null) {
        docs.putIfAbsent(key, doc);
      }
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      classes.add(tree.getSimpleName().toString());
      put(String.join(".", classes));
      super.visitClass(tree, unused);
      classes.remove(classes.size() - 1);
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      List<String> types =
          tree.getParameters().stream()
              .map(p -> p.getType().toString() + (isVarargs(p) ? "..." : ""))
              .toList();
      put(String.join(".", classes) + "#" + tree.getName() + signature(types));
      return null; // no need to look into method bodies
    }

    private static boolean isVarargs(VariableTree p) {
      return p.getType().getKind() == Tree.Kind.ARRAY_TYPE && p.toString().contains("...");
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      TreePath parent = getCurrentPath().getParentPath();
      if (parent != null && parent.getLeaf() instanceof ClassTree) {
        put(String.join(".", classes) + "#" + tree.getName());
      }
      return null;
    }
  }

  /** "(T1,T2)" with each type reduced to its simple name without generics. */
  static String signature(List<String> types) {
    return types.stream()
        .map(JavadocSources::simpleType)
        .collect(Collectors.joining(",", "(", ")"));
  }

  /**
   * A type reduced for matching: no generics, no package, varargs as an array.
   *
   * @param type e.g. "java.util.List<org.x.SubCluster>" or "float[]..."
   * @return e.g. "List" or "float[][]"
   */
  static String simpleType(String type) {
    String t = type.strip();
    StringBuilder noGenerics = new StringBuilder();
    int depth = 0;
    for (char c : t.toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (depth == 0) {
        noGenerics.append(c);
      }
    }
    t = noGenerics.toString().replace("...", "[]").replaceAll("\\s+", "");
    int arrays = t.indexOf('[');
    String base = arrays < 0 ? t : t.substring(0, arrays);
    String dims = arrays < 0 ? "" : t.substring(arrays);
    return base.substring(base.lastIndexOf('.') + 1) + dims;
  }
}
