"""Issue 12, the analysis magics through a real Jupyter client: the method chained in magics, and bad
input (a bad argument, an unknown zoo entry, a missing or corrupt model file, a magic that needs a
result no earlier magic bound, an interrupted long cell) each giving a clear message, with the
kernel answering the next cell."""
import pytest

from conftest import start_kernel, stop_kernel

QUICK_MODEL = "%model --train mlp --data fashion-mnist --epochs 1 --limit 1000 --seed 0"


@pytest.fixture(scope="module")
def session():
    """One kernel with a quick model bound, for the tests that need one."""
    k = start_kernel()
    try:
        r = k.execute(QUICK_MODEL)
        assert r.status == "ok", r.error_text()
        yield k
    finally:
        stop_kernel(k)


def answers_next_cell(k):
    r = k.execute("6 * 7")
    assert r.status == "ok", r.error_text()
    assert r.data("text/plain") == ["42"]


def error_of(r):
    assert r.status == "error", "expected an error, got " + str(r.data("text/plain"))
    return r.content["ename"], r.content["evalue"], "\n".join(r.content["traceback"])


def test_the_method_chains_in_magics_with_progress_updated_in_place(session):
    r = session.execute("%cluster --k 8 --shuffles 2")
    assert r.status == "ok", r.error_text()
    assert "%cluster bound clusterability (ClusterabilityResult)" in r.stream()
    started = [m for m in r.outputs("display_data")
               if "display_id" in m["content"].get("transient", {})]
    updates = r.outputs("update_display_data")
    assert started and updates, "a progress display, updated in place"
    ids = {m["content"]["transient"]["display_id"] for m in started}
    assert {m["content"]["transient"]["display_id"] for m in updates} <= ids
    r = session.execute("%importance --sample 300 --paper --draws 3")
    assert r.status == "ok", r.error_text()
    assert "<table" in "".join(r.data("text/html"))
    r = session.execute("%plot importance-vs-size")
    assert r.status == "ok", r.error_text()
    assert r.data("image/png"), "a chart"
    r = session.execute("importance.rows().size() > 0")  # bound with its real type
    assert r.data("text/plain") == ["true"], r.error_text()


def test_a_bad_argument_names_it_suggests_the_spelling_and_gives_the_usage(session):
    ename, evalue, tb = error_of(session.execute("%cluster --shufles 3"))
    assert ename == "MagicUsageException"
    assert "unknown option --shufles; did you mean --shuffles?" in evalue
    assert "usage: %cluster [--k 12]" in evalue
    assert "\tat " not in tb, "no stack trace for a usage error"
    ename, evalue, _ = error_of(session.execute("%cluster --graph weigths"))
    assert "--graph must be one of weights, activations, got 'weigths'; did you mean 'weights'?" \
        in evalue
    answers_next_cell(session)


def test_an_unknown_zoo_entry_suggests_the_nearest_stored_model(session, tmp_path):
    zoo = tmp_path / "zoo"
    r = session.execute(
        'ModelZoo.train(Path.of("%s"), ZooGrid.paper().withEpochs(1, 1).model("fashion-mnist",'
        ' ZooArchitecture.MLP, ZooRegime.PLAIN, 0),'
        ' Datasets.load("fashion-mnist", Split.TRAIN).stratifiedSample(500, 0),'
        ' Datasets.load("fashion-mnist", Split.TEST), ProgressListener.none()).status()' % zoo,
        timeout=600)
    assert r.data("text/plain") == ["TRAINED"], r.error_text()
    ename, evalue, _ = error_of(session.execute("%%model fashion-mnist/plian/0 --zoo %s" % zoo))
    assert ename == "MagicUsageException"
    assert "has no model fashion-mnist/mlp/plian/seed0; did you mean" \
        " 'fashion-mnist/mlp/plain/seed0'?" in evalue, evalue
    ename, evalue, _ = error_of(session.execute(
        "%%model fashion-mnist/plain/0 --zoo %s" % (tmp_path / "nothing")))
    assert "does not exist; build it with environment/zoo.sh" in evalue, evalue
    answers_next_cell(session)
    r = session.execute("%%model fashion-mnist/plain/0 --zoo %s --as fromZoo" % zoo)
    assert r.status == "ok", r.error_text()
    assert "%model bound fromZoo (Network)" in r.stream()


def test_a_missing_or_corrupt_model_file_says_what_is_wrong(session, tmp_path):
    ename, evalue, _ = error_of(session.execute("%%model %s/nothing.pt" % tmp_path))
    assert ename == "MagicUsageException"
    assert "there is no file or folder %s/nothing.pt" % tmp_path in evalue, evalue
    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"this is not a TorchScript archive")
    ename, evalue, tb = error_of(session.execute("%%model %s" % broken))
    assert ename == "MagicFailedException"
    assert evalue.startswith("%model: ") and str(broken) in evalue, evalue
    assert "\tat " not in tb, "a one-line message"
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "locspec-model.json").write_text("{ not json")
    ename, evalue, _ = error_of(session.execute("%%model %s" % folder))
    assert ename == "MagicFailedException"
    assert "locspec-model.json" in evalue, evalue
    answers_next_cell(session)


def test_a_magic_without_its_prerequisite_says_which_magic_to_run_first(fresh_kernel):
    ename, evalue, _ = error_of(fresh_kernel.execute("%importance"))
    assert "it needs a Network in the variable 'model', which this session does not have; run" \
        " %model first" in evalue, evalue
    r = fresh_kernel.execute(QUICK_MODEL)
    assert r.status == "ok", r.error_text()
    ename, evalue, _ = error_of(fresh_kernel.execute("%coherence examples"))
    assert "it needs a Partition in the variable 'partition'" in evalue
    assert "run %cluster first" in evalue
    r = fresh_kernel.execute("%plot")  # the trained network's charts
    assert r.status == "ok", r.error_text()
    assert "loss" in "".join(r.data("text/html"))
    answers_next_cell(fresh_kernel)


def test_an_interrupted_magic_stops_and_leaves_the_bound_variables(session):
    before = session.execute("model.name()").data("text/plain")
    r = session.execute("%model --train mlp --data fashion-mnist --epochs 40 --seed 9 --as slow",
                        interrupt_after=8, timeout=120)
    ename, _, _ = error_of(r)
    assert ename == "CellInterruptedException"
    assert session.execute("model.name()").data("text/plain") == before
    ename, evalue, _ = error_of(session.execute("slow"))
    assert "slow" in evalue  # never bound
    answers_next_cell(session)
