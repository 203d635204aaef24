package org.locspec.kernel.magic;

import org.locspec.cluster.Partition;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.data.Split;
import org.locspec.model.Network;

/**
 * What {@code %importance} and {@code %coherence} share: the bound network and partition whose
 * sub-clusters they analyse ({@code --model}, {@code --partition}, "run %model / %cluster first"),
 * the variable the result is bound to ({@code --as}), the seed, the papers' fixed draws ({@code
 * --paper}, {@code --draws}) and the test images ({@code --sample}, {@code --data}).
 *
 * @param modelVar the network's variable
 * @param network the bound network
 * @param partitionVar the partition's variable
 * @param partition the bound partition
 * @param as the result's variable
 * @param seed the seed
 * @param paper the papers' fixed draws (else LocSpec's sequential test)
 * @param draws the papers' random draws (0: the options' own)
 * @param sample test images to use, a stratified sample (0: all)
 */
record SubClusterAnalysis(
    String modelVar,
    Network network,
    String partitionVar,
    Partition partition,
    String as,
    long seed,
    boolean paper,
    int draws,
    int sample) {

  /**
   * Reads the shared flags and the bound network and partition.
   *
   * @param s the magic's session
   * @param defaultAs the result's variable without {@code --as}
   * @return what the call analyses
   * @throws MagicUsageException for a bad flag, or a missing network or partition (naming the magic
   *     that binds it)
   */
  static SubClusterAnalysis read(MagicSession s, String defaultAs) {
    MagicArguments a = s.args();
    String modelVar = a.identifier("model").orElse("model");
    String partitionVar = a.identifier("partition").orElse("partition");
    String as = a.identifier("as").orElse(defaultAs);
    long seed = a.seed("seed").orElse(0L);
    int sample = a.positiveInt("sample").orElse(0);
    boolean paper = a.has("paper");
    int draws = a.positiveInt("draws").orElse(0);
    Network net = s.require(modelVar, Network.class, "%model");
    Partition partition = s.require(partitionVar, Partition.class, "%cluster");
    return new SubClusterAnalysis(
        modelVar, net, partitionVar, partition, as, seed, paper, draws, sample);
  }

  /**
   * The data set of the network's test images ({@code --data}, else the one it was loaded or
   * trained with).
   */
  String dataset(MagicSession s) {
    return ModelData.of(network, s.args(), s.host().variables());
  }

  /** The test images: the data set's test split, or a stratified sample of it. */
  ImageDataset test(String data) {
    ImageDataset test = Datasets.load(data, Split.TEST);
    return sample > 0 ? test.stratifiedSample(sample, seed) : test;
  }

  /** The plain Java of {@link #test}, a statement that declares {@code test}. */
  String testJava(String data) {
    return "ImageDataset test = Datasets.load(\""
        + data
        + "\", Split.TEST)"
        + (sample > 0 ? ".stratifiedSample(" + sample + ", " + seed + "L)" : "")
        + ";";
  }
}
