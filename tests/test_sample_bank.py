"""The sample bank used by other tests is itself consistent."""

from interviewer.checks import check_consistency


def test_sample_bank_loads_cleanly(sample_catalog):
    assert sample_catalog.problems == []
    assert [q.id for q in sample_catalog.questions] == [
        "sample-cold-starts",
        "sample-layers",
    ]


def test_sample_bank_passes_consistency(sample_catalog):
    report = check_consistency(sample_catalog)
    assert report.passed, report.format()
