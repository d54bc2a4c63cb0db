"""The nbgrader plugins' small parts: reading, hiding, plain outputs.

How they work together on real submissions is tested through nbgrader in
test_pipeline.py and test_adversarial.py.
"""

import json

import nbformat
import pytest

from autograder.nbgrader_plugins import (
    _plain,
    _verdict_output,
    _without_hidden_tests,
    unreadable_reason,
)


def write(tmp_path, text, name="nb.ipynb"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize("content, expected", [
    ("", "空的"),
    ('{"cells": [', "JSON"),
    (b"\xff\xfe\x00", "UTF-8"),
    ("[1, 2]", "不是 Jupyter 笔记本"),
    (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [],
                 "metadata": {}}), "nbformat 3"),
    (json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                 "cells": [{"cell_type": "code"}]}), "结构无效"),
])
def test_unreadable_notebooks_have_a_reason(tmp_path, content, expected):
    assert expected in unreadable_reason(write(tmp_path, content))


def test_a_good_notebook_is_readable(tmp_path):
    path = tmp_path / "good.ipynb"
    nbformat.write(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1")]), path)
    assert unreadable_reason(path) == ""


def test_missing_file_has_a_reason(tmp_path):
    assert "无法读取" in unreadable_reason(tmp_path / "nope.ipynb")


def test_hidden_tests_are_cut_from_what_the_kernel_runs():
    source = ("assert f(1) == 2\n### BEGIN HIDDEN TESTS\nsecret()\n"
              "### END HIDDEN TESTS\nprint('ok')\n")
    assert _without_hidden_tests(source) == "assert f(1) == 2\nprint('ok')\n"


def test_kernel_output_of_a_test_cell_cannot_score():
    outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
        nbformat.v4.new_output("error", ename="AssertionError",
                               evalue="bad", traceback=["..."]),
        nbformat.v4.new_output("execute_result",
                               data={"text/plain": "0.0"}),
    ]
    plain = _plain(outputs)
    assert all(o.output_type == "stream" and o.name == "stdout"
               for o in plain)
    text = "".join(o.text for o in plain)
    assert "warn" in text and "AssertionError: bad" in text
    assert "0.0" in text
    assert _verdict_output("x", None).output_type == "stream"
    failed = _verdict_output("x", "消息")
    assert failed.output_type == "error" and failed.evalue == "消息"
