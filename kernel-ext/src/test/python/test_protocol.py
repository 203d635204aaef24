"""The installed LocSpec kernel, driven through a real Jupyter client (jupyter_client)."""
import base64
import threading
import time

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_kernel_info_names_java(kernel):
    content = kernel.request(kernel.kc.kernel_info)
    assert content.get("status", "ok") == "ok"
    assert content["language_info"]["name"].lower() == "java"
    assert content["protocol_version"].startswith("5.")
    assert kernel.startup_seconds < 120


def test_expression_gives_execute_result(kernel):
    r = kernel.execute("int a = 20; a + 22")
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ["42"]
    assert r.outputs("execute_result")[0]["content"]["execution_count"] == r.content["execution_count"]


def test_declarations_persist_between_cells(kernel):
    assert kernel.execute("String greeting = \"hello\";").status == "ok"
    r = kernel.execute("greeting.toUpperCase()")
    assert r.data("text/plain") == ['"HELLO"'] or r.data("text/plain") == ["HELLO"]


def test_stdout_is_streamed(kernel):
    r = kernel.execute('System.out.println("from the cell");')
    assert r.status == "ok", r.error_text()
    assert "from the cell" in r.stream("stdout")


def test_tablesaw_table_renders_as_html(kernel):
    r = kernel.execute(
        "import tech.tablesaw.api.*;\n"
        "Table t = Table.create(\"scores\", StringColumn.create(\"layer\", \"dense1\", \"dense2\"),"
        " DoubleColumn.create(\"ncut\", 3.25, 4.5));\n"
        "t")
    assert r.status == "ok", r.error_text()
    html = r.data("text/html")
    assert html, "no text/html output for a Table: %s" % r.messages
    assert "<table" in html[0] and "dense2" in html[0] and "4.5" in html[0]
    assert any("dense1" in p for p in r.data("text/plain"))


def test_xchart_renders_as_png(kernel):
    r = kernel.execute(
        "import org.knowm.xchart.*;\n"
        "XYChart c = new XYChartBuilder().width(400).height(300).title(\"loss\").build();\n"
        "c.addSeries(\"train\", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});\n"
        "c")
    assert r.status == "ok", r.error_text()
    pngs = r.data("image/png")
    assert pngs, "no image/png output for an XYChart: %s" % r.messages
    raw = base64.b64decode(pngs[0])
    assert raw.startswith(PNG_MAGIC) and len(raw) > 1000


def test_library_is_on_the_cell_class_path(kernel):
    r = kernel.execute("import org.locspec.data.*;\nSplit.parse(\"test\")")
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ["TEST"]


def test_compile_error_names_the_line_and_next_cell_runs(kernel):
    r = kernel.execute("int x = 1;\nint y = undefinedThing + 1;")
    assert r.status == "error"
    text = r.error_text()
    assert "undefinedThing" in text, text
    r2 = kernel.execute("int z = 5; z * 2")
    assert r2.status == "ok" and r2.data("text/plain") == ["10"]


def test_runtime_exception_is_reported_and_kernel_survives(kernel):
    r = kernel.execute('Integer.parseInt("not a number")')
    assert r.status == "error"
    assert "NumberFormatException" in r.error_text()
    assert kernel.execute("1 + 1").data("text/plain") == ["2"]


def test_unknown_magic_is_a_clear_error(kernel):
    r = kernel.execute("%no_such_magic 1 2")
    assert r.status == "error"
    assert "no_such_magic" in r.error_text()
    assert kernel.execute("3 + 4").data("text/plain") == ["7"]


def test_bad_magic_argument_is_a_clear_error(kernel):
    r = kernel.execute("%dataset fashion-mnist --split banana")
    assert r.status == "error"
    text = r.error_text()
    assert "banana" in text and "split" in text, text
    r = kernel.execute("%dataset fashion-mnist --limit many")
    assert r.status == "error"
    assert "limit" in r.error_text()
    assert kernel.execute("5 + 5").data("text/plain") == ["10"]


def test_locspec_magic_lists_magics(kernel):
    r = kernel.execute("%locspec")
    assert r.status == "ok", r.error_text()
    html = "".join(r.data("text/html"))
    assert "dataset" in html and "<table" in html


def test_dataset_magic_loads_real_data(kernel):
    r = kernel.execute("%dataset fashion-mnist --split test")
    assert r.status == "ok", r.error_text()
    html = "".join(r.data("text/html"))
    assert "Ankle boot" in html and "1000" in html


def test_missing_data_file_is_a_clear_error(kernel, tmp_path):
    r = kernel.execute(
        'org.locspec.data.Datasets.load("fashion-mnist", org.locspec.data.Split.TEST, '
        'java.nio.file.Path.of("%s"))' % tmp_path)
    assert r.status == "error"
    text = r.error_text()
    assert "not found" in text.lower() and "fetch.sh" in text, text
    assert kernel.execute("6 * 7").data("text/plain") == ["42"]


def test_completion_offers_candidates(kernel):
    code = "Math.ab"
    content = kernel.request(lambda: kernel.kc.complete(code, len(code)))
    assert content["status"] == "ok"
    assert any(m.startswith("abs") for m in content["matches"]), content["matches"]
    code = "Strin"
    content = kernel.request(lambda: kernel.kc.complete(code, len(code)))
    assert "String" in content["matches"]


def test_is_complete(kernel):
    assert kernel.request(lambda: kernel.kc.is_complete("int q = 1;"))["status"] == "complete"
    assert kernel.request(lambda: kernel.kc.is_complete("for (int i = 0; i < 3; i++) {"))["status"] == "incomplete"


def test_inspect_finds_documentation(kernel):
    code = "String"
    content = kernel.request(lambda: kernel.kc.inspect(code, len(code)))
    assert content["status"] == "ok"
    assert content["found"] is True
    assert "String" in content["data"]["text/plain"]


def test_interrupt_stops_a_running_cell(kernel):
    timer = threading.Timer(3.0, kernel.km.interrupt_kernel)
    timer.start()
    t0 = time.time()
    r = kernel.execute("while (true) { Thread.sleep(20); }", timeout=60)
    timer.cancel()
    assert r.status in ("error", "abort")
    assert time.time() - t0 < 30
    assert kernel.execute("8 + 1").data("text/plain") == ["9"]
