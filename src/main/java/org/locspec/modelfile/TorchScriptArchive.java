package org.locspec.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open TorchScript file ({@code torch.jit.save}): a zip archive {@code <name>/} holding {@code
 * data.pkl} (the module tree, read by {@link TorchPickle}), {@code code/} (the classes' code, read
 * by {@link ScriptClass}) and {@code data/<key>} (raw little-endian tensor storages). Every damage
 * is reported with the file's name and the fix.
 */
final class TorchScriptArchive implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  final Path file;
  private final ZipFile zip;
  private final String prefix;
  private final Map<String, ScriptClass> classes = new HashMap<>();

  private TorchScriptArchive(Path file, ZipFile zip, String prefix) {
    this.file = file;
    this.zip = zip;
    this.prefix = prefix;
  }

  /**
   * Opens a file and checks that it is a TorchScript archive.
   *
   * @param file the file
   * @return the archive (close it)
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is no zip archive, no PyTorch file or a checkpoint
   */
  static TorchScriptArchive open(Path file) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException(
          file
              + " is not a readable zip archive ("
              + e.getMessage()
              + "): it is truncated,"
              + " damaged or not a TorchScript file. Save the model again with"
              + " torch.jit.save(torch.jit.script(model), path) and copy the whole file",
          e);
    }
    try {
      String prefix = null;
      boolean code = false;
      for (var en = zip.entries(); en.hasMoreElements(); ) {
        String n = en.nextElement().getName();
        if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
          prefix = n.substring(0, n.length() - "data.pkl".length());
        }
      }
      if (prefix == null) {
        throw new IllegalArgumentException(
            file
                + " is a zip archive without <archive>/data.pkl, so not a PyTorch model;"
                + " save the model with torch.jit.save(torch.jit.script(model), path)");
      }
      for (var en = zip.entries(); en.hasMoreElements() && !code; ) {
        code = en.nextElement().getName().startsWith(prefix + "code/");
      }
      if (!code) {
        throw new IllegalArgumentException(
            file
                + " holds no code/ folder: it is a torch.save checkpoint (e.g. a state_dict),"
                + " not TorchScript; in Python, load the model and save it with"
                + " torch.jit.save(torch.jit.script(model), path)");
      }
      return new TorchScriptArchive(file, zip, prefix);
    } catch (RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** The module tree of {@code data.pkl}: its root module. */
  TorchPickle.ModuleObject root() {
    Object root = TorchPickle.load(bytes("data.pkl"), file + "!" + prefix + "data.pkl");
    if (!(root instanceof TorchPickle.ModuleObject m)) {
      throw new IllegalArgumentException(
          file + ": data.pkl holds no TorchScript module; save the model with torch.jit.save");
    }
    return m;
  }

  /**
   * A class of the archive's code, parsed once.
   *
   * @param className the qualified name, e.g. {@code __torch__.torchvision.models.resnet.ResNet}
   * @return the class
   */
  ScriptClass scriptClass(String className) {
    return classes.computeIfAbsent(className, this::readClass);
  }

  private ScriptClass readClass(String className) {
    int dot = className.lastIndexOf('.');
    String path = "code/" + className.substring(0, dot).replace('.', '/') + ".py";
    ScriptClass c = ScriptClass.parse(className, text(path));
    if (c == null) {
      throw new IllegalArgumentException(
          file
              + ": "
              + prefix
              + path
              + " does not define class "
              + className.substring(dot + 1)
              + "; the archive is inconsistent: save the model again with torch.jit.save");
    }
    return c;
  }

  private byte[] bytes(String relative) {
    try (InputStream in = stream(relative)) {
      return in.readAllBytes();
    } catch (IOException ex) {
      throw damaged(relative, ex);
    }
  }

  private String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  private InputStream stream(String relative) throws IOException {
    ZipEntry e = zip.getEntry(prefix + relative);
    if (e == null) {
      throw new IllegalArgumentException(
          file
              + " has no entry "
              + prefix
              + relative
              + ": the archive is incomplete; save the"
              + " model again with torch.jit.save");
    }
    return zip.getInputStream(e);
  }

  private IllegalArgumentException damaged(String relative, IOException ex) {
    return new IllegalArgumentException(
        file
            + ": cannot read entry "
            + prefix
            + relative
            + " ("
            + ex.getMessage()
            + "); the"
            + " file is damaged: save the model again with torch.jit.save",
        ex);
  }

  /**
   * A float32 tensor's values in row-major order. A contiguous tensor is streamed from its storage;
   * others are gathered by their strides.
   *
   * @param t the tensor
   * @param where the start of messages, e.g. "FILE: layer 3 (Conv2d): weight"
   * @return the values
   */
  float[] floats(TorchPickle.TensorRef t, String where) {
    long numel = t.numel();
    if (numel > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(where + " has " + numel + " values, too many to import");
    }
    String entry = "data/" + t.key();
    ZipEntry e = zip.getEntry(prefix + entry);
    long size = e == null ? -1 : e.getSize();
    if (size >= 0 && size < t.storageNumel() * 4L) {
      throw new IllegalArgumentException(
          where
              + ": storage "
              + entry
              + " holds "
              + size
              + " bytes, expected "
              + t.storageNumel() * 4L
              + "; the archive is damaged: save the model again with"
              + " torch.jit.save");
    }
    float[] out = new float[(int) numel];
    if (contiguous(t)) {
      readRange(entry, t.offset() * 4L, out, where);
      return out;
    }
    ByteBuffer storage = ByteBuffer.wrap(bytes(entry)).order(ByteOrder.LITTLE_ENDIAN);
    gather(t, storage, out, where);
    return out;
  }

  private void readRange(String entry, long skip, float[] out, String where) {
    try (InputStream in = stream(entry)) {
      in.skipNBytes(skip);
      byte[] chunk = new byte[CHUNK];
      ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      int done = 0;
      while (done < out.length) {
        int want = Math.min(CHUNK, (out.length - done) * 4);
        int got = in.readNBytes(chunk, 0, want);
        if (got < want) {
          throw new IllegalArgumentException(
              where
                  + ": storage "
                  + entry
                  + " ends early; the archive is damaged: save the model"
                  + " again with torch.jit.save");
        }
        view.clear();
        view.asFloatBuffer().get(out, done, want / 4);
        done += want / 4;
      }
    } catch (IOException ex) {
      throw damaged(entry, ex);
    }
  }

  private static boolean contiguous(TorchPickle.TensorRef t) {
    long expected = 1;
    for (int d = t.size().length - 1; d >= 0; d--) {
      if (t.size()[d] != 1 && t.stride()[d] != expected) {
        return false;
      }
      expected *= t.size()[d];
    }
    return t.offset() >= 0 && t.offset() + t.numel() <= t.storageNumel();
  }

  private static void gather(
      TorchPickle.TensorRef t, ByteBuffer storage, float[] out, String where) {
    int dims = t.size().length;
    long[] index = new long[dims];
    for (int i = 0; i < out.length; i++) {
      long at = t.offset();
      for (int d = 0; d < dims; d++) {
        at += index[d] * t.stride()[d];
      }
      if (at < 0 || at >= t.storageNumel()) {
        throw new IllegalArgumentException(
            where
                + " reads element "
                + at
                + " outside its storage of "
                + t.storageNumel()
                + "; the archive is damaged");
      }
      out[i] = storage.getFloat((int) (at * 4));
      for (int d = dims - 1; d >= 0; d--) {
        if (++index[d] < t.size()[d]) {
          break;
        }
        index[d] = 0;
      }
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
