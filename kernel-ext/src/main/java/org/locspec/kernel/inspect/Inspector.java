package org.locspec.kernel.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jshell.SourceCodeAnalysis.Documentation;

/**
 * Answers an inspection (Shift-Tab): finds the symbol under or just before the cursor (a method
 * does not need its {@code (} yet), asks JShell for its signatures (all overloads of a method) and
 * adds the Javadoc that JShell has or that {@link JavadocSources} finds in the sources.
 */
public final class Inspector {
  /** The JShell analyses an inspection uses (on the current snippet's code). */
  public interface Analysis {
    /**
     * JShell's documentation at a position.
     *
     * @param code the code up to at least the position
     * @param cursor the position
     * @return the matching elements' signatures (and Javadoc, when JShell has sources)
     */
    List<Documentation> documentation(String code, int cursor);

    /**
     * The canonical names a simple type name could stand for (JShell's class index), for a name
     * that is not imported.
     *
     * @param code the code
     * @param cursor the position just after the name
     * @return candidate canonical names, possibly empty
     */
    List<String> qualifiedNames(String code, int cursor);

    /**
     * The type of the expression that ends at a position.
     *
     * @param code the code
     * @param cursor the position
     * @return its canonical name (with generics), or null
     */
    String typeOf(String code, int cursor);
  }

  /**
   * One documented element.
   *
   * @param signature e.g. "ImageDataset Datasets.load(String name, Split split)"
   * @param javadoc its documentation as plain text, "" if none was found
   */
  public record Entry(String signature, String javadoc) {}

  private final Analysis analysis;
  private final JavadocSources sources;

  /**
   * Creates an inspector.
   *
   * @param analysis the JShell analyses
   * @param sources where Javadoc is read from
   */
  public Inspector(Analysis analysis, JavadocSources sources) {
    this.analysis = analysis;
    this.sources = sources;
  }

  /**
   * Documents the symbol at a cursor.
   *
   * @param code the code of the snippet the cursor is in
   * @param cursor the cursor's position in it
   * @return the documented elements; empty if nothing is there
   */
  public List<Entry> inspect(String code, int cursor) {
    List<Entry> entries = inspectAsWritten(code, cursor);
    SymbolAtCursor symbol = SymbolAtCursor.find(code, cursor);
    if (symbol == null) {
      symbol = enclosingCall(code, cursor);
    }
    if (!entries.isEmpty() || symbol == null) {
      return entries;
    }
    // a class name that is not imported: try the classes it may stand for
    int first = symbol.start();
    while (first < symbol.end() && Character.isJavaIdentifierPart(code.charAt(first))) {
      first++;
    }
    if (!Character.isUpperCase(code.charAt(symbol.start()))) {
      return entries;
    }
    for (String fqn : analysis.qualifiedNames(code.substring(0, first), first)) {
      String qualified = code.substring(0, symbol.start()) + fqn + code.substring(first);
      entries = inspectAsWritten(qualified, cursor + fqn.length() - (first - symbol.start()));
      if (!entries.isEmpty()) {
        return entries;
      }
    }
    return entries;
  }

  private List<Entry> inspectAsWritten(String code, int cursor) {
    SymbolAtCursor symbol = SymbolAtCursor.find(code, cursor);
    List<Documentation> docs = symbol == null ? List.of() : docs(code, symbol);
    SymbolAtCursor named = symbol;
    if (docs.isEmpty()) { // e.g. inside the argument list of a call: document the call
      docs = analysis.documentation(code, cursor);
      named = enclosingCall(code, cursor);
    }
    String qualifierType = named != null && named.qualified() ? qualifierType(code, named) : null;
    List<Entry> entries = new ArrayList<>();
    for (Documentation d : docs) {
      String raw =
          d.javadoc() != null ? d.javadoc() : sourceDoc(d.signature(), qualifierType).orElse(null);
      entries.add(new Entry(d.signature(), raw == null ? "" : DocText.plain(raw)));
    }
    return entries;
  }

  private List<Documentation> docs(String code, SymbolAtCursor symbol) {
    if (symbol.call() >= 0) {
      List<Documentation> called =
          analysis.documentation(code.substring(0, symbol.call()), symbol.call());
      if (!called.isEmpty()) {
        return called;
      }
    }
    for (String name :
        List.of(
            code.substring(0, symbol.end()),
            code.substring(symbol.start(), symbol.end()))) { // in its statement, then alone
      List<Documentation> methods = analysis.documentation(name + "(", name.length() + 1);
      List<Documentation> found =
          methods.isEmpty() ? analysis.documentation(name, name.length()) : methods;
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** The method whose argument list the cursor is in, or null. */
  static SymbolAtCursor enclosingCall(String code, int cursor) {
    int depth = 0;
    for (int i = Math.min(cursor, code.length()) - 1; i >= 0; i--) {
      char c = code.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && depth-- == 0) {
        return i > 0 ? SymbolAtCursor.find(code, i) : null;
      }
    }
    return null;
  }

  /** The type of a name's qualifier: written alone (a class, a variable), else in its statement. */
  private String qualifierType(String code, SymbolAtCursor symbol) {
    String alone = typeOf(code.substring(symbol.start(), symbol.memberStart() - 1));
    return alone != null ? alone : typeOf(code.substring(0, symbol.memberStart() - 1));
  }

  /** The canonical name of the type a qualifier denotes (a type name or an expression). */
  private String typeOf(String qualifierCode) {
    List<Documentation> asType = analysis.documentation(qualifierCode, qualifierCode.length());
    if (asType.size() == 1 && asType.get(0).signature().matches("[\\w$]+(\\.[\\w$]+)+")) {
      return asType.get(0).signature();
    }
    String type = analysis.typeOf(qualifierCode, qualifierCode.length());
    return type == null || type.isBlank() ? null : type.replaceAll("<.*", "").replace("[]", "");
  }

  /** The Javadoc of a signature JShell gave, from the sources. */
  private Optional<String> sourceDoc(String signature, String qualifierType) {
    int paren = signature.indexOf('(');
    if (paren < 0 && signature.matches("[\\w$]+(\\.[\\w$]+)+")) { // a type: its canonical name
      return sources.find(signature, null, null);
    }
    String head = paren < 0 ? signature : signature.substring(0, paren);
    String qualified = head.substring(head.lastIndexOf(' ') + 1); // "Datasets.load"
    int dot = qualified.lastIndexOf('.');
    if (dot < 0 || qualifierType == null) {
      return Optional.empty();
    }
    String owner = qualified.substring(0, dot);
    String member = qualified.substring(dot + 1);
    List<String> params =
        paren < 0
            ? null
            : parameterTypes(signature.substring(paren + 1, signature.lastIndexOf(')')));
    for (String candidate : owners(qualifierType, owner)) {
      Optional<String> doc = sources.find(candidate, member, params);
      if (doc.isPresent()) {
        return doc;
      }
    }
    return Optional.empty();
  }

  /** The classes that may declare a member JShell shows as "Owner.member". */
  private static List<String> owners(String qualifierType, String owner) {
    if (qualifierType.equals(owner) || qualifierType.endsWith("." + owner)) {
      return List.of(qualifierType);
    }
    String pkg =
        qualifierType.contains(".")
            ? qualifierType.substring(0, qualifierType.lastIndexOf('.') + 1)
            : "";
    return List.of(qualifierType + "." + owner, pkg + owner);
  }

  /** The types of "T1 a, Map<K, V> b" (commas inside generics do not split). */
  static List<String> parameterTypes(String params) {
    List<String> types = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= params.length(); i++) {
      char c = i < params.length() ? params.charAt(i) : ',';
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String p = params.substring(start, i).strip();
        if (!p.isEmpty()) {
          int space = p.lastIndexOf(' ');
          types.add(space < 0 ? p : p.substring(0, space));
        }
        start = i + 1;
      }
    }
    return types;
  }
}
