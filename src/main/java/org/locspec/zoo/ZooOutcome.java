package org.locspec.zoo;

/**
 * What {@code ModelZoo.train} did with one model.
 *
 * @param status trained, found stored, or left to another process
 * @param entry the stored model's entry; null when another process is training it
 */
public record ZooOutcome(Status status, ZooEntry entry) {

  /** What happened to the model. */
  public enum Status {
    /** Trained and stored by this call. */
    TRAINED,
    /** The zoo already held it (same description); nothing was trained. */
    STORED,
    /** Another process holds its lock (is training it); skipped. */
    BUSY
  }
}
