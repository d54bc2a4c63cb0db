"""What of a submission is graded: definitions only, taken by AST."""

import nbformat

from autograder.extract import graded_definitions


def notebook(*cells):
    """A notebook of code cells; (grade_id, source) pairs are answers."""
    nb = nbformat.v4.new_notebook()
    for cell in cells:
        grade_id, source = cell if isinstance(cell, tuple) else (None, cell)
        new = nbformat.v4.new_code_cell(source)
        if grade_id:
            new.metadata["nbgrader"] = {"grade_id": grade_id,
                                        "solution": True}
        nb.cells.append(new)
    return nb


ANSWER = '''
import math
import numpy as np
np.allclose = lambda *a, **k: True
get_ipython().input_transformers_post.append(lambda lines: [])
SCALE = 2.0
scale = math.sqrt(4)

def helper(x):
    return x

def sgd(params, lr, batch_size):
    for param in params:
        param[:] = param - lr * param.grad / batch_size

print("全部通过")
'''


def test_only_imports_definitions_and_literal_constants_are_kept():
    nb = notebook("%matplotlib inline\nfrom mxnet import nd, autograd",
                  ("sgd", ANSWER), "import builtins\nbuiltins.print = None")
    found = graded_definitions(nb, "sgd", "sgd")
    assert found.imports == ["from mxnet import nd, autograd",
                             "import math", "import numpy as np",
                             "import builtins"]
    code = found.definitions
    assert "def sgd(params, lr, batch_size):" in code
    assert "def helper(x):" in code and "SCALE = 2.0" in code
    for dropped in ["allclose", "input_transformers", "math.sqrt",
                    "print", "builtins"]:
        assert dropped not in code, dropped
    assert not found.error and not found.note


def test_a_definition_outside_the_answer_cell_is_found():
    nb = notebook(("sgd", "# 答案写在下面"),
                  "def sgd(params, lr, batch_size):\n    pass",
                  "def sgd(params, lr, batch_size):\n    return 1")
    found = graded_definitions(nb, "sgd", "sgd")
    assert found.definitions.endswith("return 1")
    assert "第 3 个单元" in found.note


def test_a_syntax_error_in_the_answer_cell_is_a_message():
    nb = notebook(("mlp", "class MLP(nn.Block:\n    pass"))
    found = graded_definitions(nb, "MLP", "mlp")
    assert "SyntaxError" in found.error and "第 1 行" in found.error


def test_missing_definition_leaves_nothing_to_run():
    nb = notebook(("dropout", "x = 1 + 1"), "import os")
    found = graded_definitions(nb, "dropout", "dropout")
    assert found.definitions == "" and found.imports == ["import os"]


def test_tricks_in_cells_that_do_not_parse_are_ignored():
    nb = notebook("def broken(:", ("squared_loss", "def squared_loss(a, b)"
                                   ":\n    return (a - b) ** 2 / 2"))
    found = graded_definitions(nb, "squared_loss", "squared_loss")
    assert found.definitions.startswith("def squared_loss(a, b):")
