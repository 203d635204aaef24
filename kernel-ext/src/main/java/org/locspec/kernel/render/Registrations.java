package org.locspec.kernel.render;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * Remembers which renderer families are registered with which {@link Renderer}, so that registering
 * twice does nothing (JJava's renderer would otherwise call both registrations).
 */
final class Registrations {
  private static final Map<Renderer, Set<String>> DONE = new WeakHashMap<>();

  private Registrations() {}

  /** True the first time a family is registered with a renderer, false afterwards. */
  static synchronized boolean first(Renderer renderer, String family) {
    return DONE.computeIfAbsent(
            renderer, r -> Collections.synchronizedSet(new java.util.HashSet<>()))
        .add(family);
  }
}
