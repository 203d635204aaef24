"""Issue 11, the conveniences notebook users expect: typed magic results, %lsmagic, %time, %whos,
%jars/%classpath, Javadoc in inspect, completion from the first request, arrays and images shown
as themselves, quiet library logging, background exceptions in their cell, memory given back."""
import base64
import subprocess
import time

from conftest import start_kernel, stop_kernel

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def html(r):
    return "".join(r.data("text/html"))


def test_a_magic_result_keeps_its_type_in_java(kernel):
    r = kernel.execute("var d = %dataset fashion-mnist --split test --limit 10\n"
                       "d.size() + \" \" + d.numClasses()")  # compiles only if d is an ImageDataset
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ['"10 10"'] or r.data("text/plain") == ["10 10"]
    r = kernel.execute("var env = %locspec\nenv.rowCount() > 5")  # a Table
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ["true"]


def test_lsmagic_lists_line_and_cell_magics_with_usage(kernel):
    r = kernel.execute("%lsmagic")
    assert r.status == "ok", r.error_text()
    text = html(r)
    for magic in ("%lsmagic", "%time", "%%time", "%whos", "%jars", "%classpath", "%log",
                  "%locspec", "%dataset"):
        assert ">" + magic + "<" in text, magic
    assert "NAME [--split train|test] [--limit N]" in text


def test_time_prints_wall_and_cpu_time_and_keeps_the_value(kernel):
    r = kernel.execute("%time Thread.sleep(300)")
    assert r.status == "ok", r.error_text()
    out = r.stream("stdout")
    assert "Wall time:" in out and "CPU time" in out, out
    r = kernel.execute("%%time\nlong timedSum = 0;\nfor (int i = 0; i < 1000; i++) timedSum += i;\n"
                       "timedSum")
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ["499500"]
    assert "Wall time:" in r.stream("stdout")
    assert kernel.execute("timedSum").data("text/plain") == ["499500"]  # the body ran in the session


def test_whos_lists_variables_with_types_and_short_values(kernel):
    r = kernel.execute('int[] whosInts = {1, 2, 3};\nString whosName = "fashion";\n'
                       "double[][] whosGrid = new double[2][3];\n%whos")
    assert r.status == "ok", r.error_text()
    text = html(r)
    assert "whosInts" in text and "int[]" in text and "int[3] {1, 2, 3}" in text
    assert "whosName" in text and "String" in text and "fashion" in text
    assert "double[2][3] {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}}" in text


def make_jar(tmp_path, package, cls, body):
    src = tmp_path / "src" / package
    src.mkdir(parents=True)
    (src / (cls + ".java")).write_text("package %s;\npublic class %s { %s }\n" % (package, cls, body))
    classes = tmp_path / "classes"
    subprocess.run(["javac", "-d", str(classes), str(src / (cls + ".java"))], check=True)
    jar = tmp_path / (cls.lower() + ".jar")
    subprocess.run(["jar", "cf", str(jar), "-C", str(classes), "."], check=True)
    return jar, classes


def test_jars_adds_a_jar_to_the_running_kernel(kernel, tmp_path):
    jar, _ = make_jar(tmp_path, "hello", "Greeter",
                      'public static String hi(String who) { return "hi " + who; }')
    r = kernel.execute("%jars " + str(tmp_path / "*.jar"))
    assert r.status == "ok", r.error_text()
    assert "greeter.jar" in "".join(r.data("text/plain"))
    r = kernel.execute('hello.Greeter.hi("notebook")')
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") in (['"hi notebook"'], ["hi notebook"])


def test_classpath_adds_a_folder_of_classes(kernel, tmp_path):
    _, classes = make_jar(tmp_path, "folder", "Answer", "public static int get() { return 42; }")
    r = kernel.execute("%classpath " + str(classes))
    assert r.status == "ok", r.error_text()
    assert kernel.execute("folder.Answer.get()").data("text/plain") == ["42"]


def test_jars_and_classpath_name_a_missing_or_wrong_file(kernel, tmp_path):
    r = kernel.execute("%jars " + str(tmp_path / "missing.jar"))
    assert r.status == "error"
    text = r.error_text()
    assert "missing.jar" in text and "does not exist" in text and "usage: %jars" in text
    (tmp_path / "notes.txt").write_text("not a jar")
    r = kernel.execute("%classpath " + str(tmp_path / "notes.txt"))
    assert r.status == "error" and "is not a jar" in r.error_text()
    r = kernel.execute("%jars " + str(tmp_path / "*.jar"))
    assert r.status == "error" and "no file matches" in r.error_text()
    assert kernel.execute("2 + 2").data("text/plain") == ["4"]


def inspect(kernel, code, cursor=None):
    content = kernel.request(lambda: kernel.kc.inspect(code, len(code) if cursor is None else cursor))
    assert content["status"] == "ok"
    return content


def test_inspect_shows_the_javadoc_of_library_methods(kernel):
    assert kernel.execute("import org.locspec.data.*;\nimport org.locspec.lesion.*;").status == "ok"
    for code in ("ImportanceTest.run", "var r = ImportanceTest.run(net, test, subs)"):
        content = inspect(kernel, code, cursor=len(code) if "(" not in code else code.index("run") + 2)
        assert content["found"], code
        text = content["data"]["text/plain"]
        assert "ImportanceTest.run(" in text, text
        assert "Runs the importance test" in text, text
        assert "subClusters - the sub-clusters to test" in text, text
    content = inspect(kernel, "Datasets.load")
    text = content["data"]["text/plain"]
    assert "Datasets.load(String name, Split split)" in text
    assert "Loads a data set from dataDir()" in text and "Returns: the images" in text
    assert "<pre>" in content["data"]["text/html"]
    content = inspect(kernel, 'Datasets.load("fashion-mnist", ')  # inside the argument list
    assert "Loads a data set" in content["data"]["text/plain"]
    content = inspect(kernel, "org.locspec.cluster.ShuffledBaseline")  # a class, fully qualified
    assert "shuffled" in content["data"]["text/plain"].lower()


def test_inspect_finds_a_class_that_is_not_imported(kernel):
    content = inspect(kernel, "ClusterabilityResult")
    assert content["found"]
    assert "org.locspec.cluster.ClusterabilityResult" in content["data"]["text/plain"]


def test_completion_answers_from_the_first_request():
    k = start_kernel()
    try:
        code = "java.util.conc"  # needs JShell's class path index, built after start
        content = k.request(lambda: k.kc.complete(code, len(code)), timeout=60)
        assert "concurrent." in content["matches"], content["matches"]
        code = "import org.locspec.cluster.*;\nint a = 1;\nShuffledBaseline.ru"
        r = k.execute("import org.locspec.cluster.*;")
        assert r.status == "ok"
        content = k.request(lambda: k.kc.complete(code, len(code)))
        assert any(m.startswith("run(") for m in content["matches"]), content["matches"]
    finally:
        stop_kernel(k)


def test_arrays_render_as_their_contents(kernel):
    cases = {
        "new int[] {1, 2, 3}": "int[3] {1, 2, 3}",
        "new double[] {0.5, 1.5}": "double[2] {0.5, 1.5}",
        'new String[] {"a", "b"}': 'String[2] {"a", "b"}',
        "new float[][] {{1f, 2f}, {3f, 4f}}": "float[2][2] {{1.0, 2.0}, {3.0, 4.0}}",
    }
    for code, expected in cases.items():
        assert kernel.execute(code).data("text/plain") == [expected], code
    long_row = kernel.execute("new float[3][1000]").data("text/plain")[0]
    assert long_row.startswith("float[3][1000] {{0.0, 0.0") and "..." in long_row
    assert len(long_row) < 1000


def test_a_buffered_image_renders_as_png_with_a_readable_text(kernel):
    r = kernel.execute("new java.awt.image.BufferedImage(28, 14, "
                       "java.awt.image.BufferedImage.TYPE_BYTE_GRAY)")
    assert r.status == "ok", r.error_text()
    assert base64.b64decode(r.data("image/png")[0]).startswith(PNG_MAGIC)
    assert r.data("text/plain") == ["image 28 x 14, grey (8 bit)"]


# 600 nodes joined all to all: not a layered graph, so spectral clustering runs ARPACK, which logs
# at INFO (layered graphs take a dense LAPACK path that logs nothing).
MID_NET = """
import org.locspec.graph.*;
import org.locspec.cluster.*;
double[][] adj = new double[600][600];
var rnd = new java.util.SplittableRandom(5);
for (int i = 0; i < 600; i++) for (int j = 0; j < i; j++) adj[i][j] = adj[j][i] = rnd.nextDouble();
var mid = NeuronGraph.fromAdjacency(List.of(new LayerUnits("a", 300), new LayerUnits("b", 300)), adj);
"""
CLUSTER = "SpectralClustering.fit(mid, SpectralOptions.paper()).k()"


def test_library_logging_stays_out_of_cells_unless_asked(kernel):
    assert kernel.execute(MID_NET).status == "ok"
    r = kernel.execute("ai.djl.util.cuda.CudaUtils.getGpuCount()")  # DJL warns: no CUDA driver
    assert r.status == "ok" and r.data("text/plain") == ["0"]
    assert r.stream("stderr") == ""
    r = kernel.execute(CLUSTER)  # ARPACK, which logs at INFO
    assert r.status == "ok" and r.data("text/plain") == ["12"]
    assert "ARPACK" not in r.stream("stderr") + r.stream("stdout")
    try:
        r = kernel.execute("%log info")
        assert "info and above" in r.data("text/plain")[0]
        r = kernel.execute(CLUSTER)
        assert "[INFO] smile.math.matrix.ARPACK: ARPACK computed 12 eigenvalues" in r.stream("stderr")
        r = kernel.execute("%log chatty")
        assert r.status == "error" and "log level must be one of trace, debug, info, warn, error, off" in r.error_text()
    finally:
        assert "off" in kernel.execute("%log off").data("text/plain")[0]
    assert "ARPACK" not in kernel.execute(CLUSTER).stream("stderr")


def test_an_uncaught_exception_of_a_background_thread_is_reported_in_its_cell(kernel):
    msg_id = kernel.kc.execute(
        'void explode() { throw new IllegalStateException("boom in the background"); }\n'
        "new Thread(() -> {\n"
        "  try { Thread.sleep(500); } catch (InterruptedException e) { }\n"
        "  explode();\n"
        '}, "worker-7").start();')
    late = kernel.iopub_for(msg_id, 8)
    text = "".join(m["content"].get("text", "") for m in late if m["msg_type"] == "stream")
    assert 'Exception in thread "worker-7" (started by cell [' in text, late
    assert "boom in the background" in text
    assert "at explode, cell [" in text and "] line 1" in text and "] line 4" in text, text
    assert "REPL." not in text and "$JShell$" not in text, text
    r = kernel.execute("1 + 1")
    assert "boom" not in r.stream("stderr")  # not in the next cell


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS for process %d" % pid)


def test_memory_is_given_back_after_an_out_of_memory_error():
    k = start_kernel(LOCSPEC_JAVA_OPTS="-Xmx1g")
    try:
        assert k.execute("int keepMemory = 12;\n1 + 1").status == "ok"
        time.sleep(1)
        before = rss_mib(k.pid())
        r = k.execute("{\n  List<long[]> hog = new ArrayList<>();\n"
                      "  while (true) hog.add(new long[1 << 20]);\n}", timeout=120)
        assert r.status == "error" and "OutOfMemoryError" in r.error_text()
        assert k.execute("keepMemory").data("text/plain") == ["12"]
        time.sleep(3)
        after = rss_mib(k.pid())
        print("\nkernel RSS: %.0f MiB before, %.0f MiB after an OutOfMemoryError at -Xmx1g"
              % (before, after))
        assert after < before + 400, (before, after)
    finally:
        stop_kernel(k)


def test_the_default_heap_lets_three_kernels_share_24_gb(kernel):
    r = kernel.execute("Runtime.getRuntime().maxMemory() / (1 << 20)")
    max_mib = int(r.data("text/plain")[0])
    assert 5 * 1024 <= max_mib <= 6 * 1024, max_mib
    assert 3 * max_mib < 24 * 1024 * 0.8
