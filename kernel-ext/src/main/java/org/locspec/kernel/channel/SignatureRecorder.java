package org.locspec.kernel.channel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/**
 * An HMAC generator that remembers, per thread, the last signature it computed. jjava-jupyter's
 * {@code JupyterSocket.readMessage} computes the signature of every message it receives and throws
 * if it differs from the one sent; right after a successful read, {@link #lastSignature()} on the
 * reading thread is therefore the verified signature of that message, which is what a replay check
 * needs.
 */
final class SignatureRecorder extends HMACGenerator {
  private final ThreadLocal<String> last = new ThreadLocal<>();

  /**
   * Creates a generator for a connection's signature scheme and key.
   *
   * @param scheme e.g. "hmac-sha256"
   * @param key the connection key, not empty
   * @throws NoSuchAlgorithmException if the scheme is unknown
   * @throws InvalidKeyException if the key cannot be used
   */
  SignatureRecorder(String scheme, String key)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(scheme, key);
  }

  @Override
  public synchronized String calculateSignature(byte[]... messageParts) {
    String signature = super.calculateSignature(messageParts);
    last.set(signature);
    return signature;
  }

  /** The signature this thread computed last, or null. */
  String lastSignature() {
    return last.get();
  }
}
