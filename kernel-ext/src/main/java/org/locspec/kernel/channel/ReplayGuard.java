package org.locspec.kernel.channel;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers the signatures of the last messages received, so that a replayed message (the same
 * signed bytes sent again) is recognised and dropped, as ipykernel's {@code Session} does with its
 * digest history. When more than {@link #capacity()} signatures are stored, the oldest tenth is
 * forgotten.
 */
public final class ReplayGuard {
  /** The default number of signatures remembered (ipykernel's {@code digest_history_size}). */
  public static final int DEFAULT_CAPACITY = 1 << 16;

  private final int capacity;
  private final Set<String> seen = new LinkedHashSet<>();

  /**
   * Creates a guard.
   *
   * @param capacity how many signatures to remember, at least 10
   * @throws IllegalArgumentException if capacity is below 10
   */
  public ReplayGuard(int capacity) {
    if (capacity < 10) {
      throw new IllegalArgumentException("capacity must be >= 10, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** How many signatures this guard remembers at most. */
  public int capacity() {
    return capacity;
  }

  /**
   * Records a message's signature.
   *
   * @param signature the message's signature (or, for unsigned connections, its message id)
   * @return true the first time a signature is seen, false for a replay
   */
  public synchronized boolean firstTime(String signature) {
    Objects.requireNonNull(signature, "signature");
    if (!seen.add(signature)) {
      return false;
    }
    if (seen.size() > capacity) {
      int drop = capacity / 10;
      Iterator<String> it = seen.iterator();
      for (int i = 0; i < drop && it.hasNext(); i++) {
        it.next();
        it.remove();
      }
    }
    return true;
  }
}
