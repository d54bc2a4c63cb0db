"""What of a submission the probes run: the graded definition, by AST.

From a submitted notebook the grader takes, without running anything:

- every top-level ``import`` / ``from ... import`` of every code cell, in
  order (the book's notebooks import ``nd``, ``nn``, ``autograd`` once at
  the top; each import is tried on its own and may fail);
- from the item's answer cell, its top-level imports, ``def`` and
  ``class`` statements (helpers included) and assignments of literal
  constants. Every other statement (calls, patches of other modules,
  prints, IPython magics) is dropped: only definitions are graded.

When the answer cell holds no definition of the item (deleted, or moved),
the last top-level definition of that name in any code cell is taken.
"""

import ast
from dataclasses import dataclass, field

__all__ = ["Extraction", "graded_definitions"]


@dataclass
class Extraction:
    """The code a probe process runs for one graded item."""

    item: str
    imports: list = field(default_factory=list)
    definitions: str = ""
    # A message for the student when nothing can be run (syntax error).
    error: str = ""
    note: str = ""


def _python_source(source):
    """Cell source with IPython syntax (magics, ``!cmd``) made Python."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _parse(source):
    return ast.parse(_python_source(source))


def _is_literal_assignment(node):
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return False
    if not all(isinstance(t, ast.Name) for t in targets):
        return False
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError,
            RecursionError):
        return False
    return True


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_IMPORTS = (ast.Import, ast.ImportFrom)


def _defines(node, name):
    return isinstance(node, _DEFINITIONS) and node.name == name


def _grade_id(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _code_cells(nb):
    return [(i, cell) for i, cell in enumerate(nb.cells)
            if cell.get("cell_type") == "code"
            and isinstance(cell.get("source"), str)]


def graded_definitions(nb, item, answer_cell_id):
    """The Extraction of ``item`` from notebook ``nb``.

    ``answer_cell_id`` is the nbgrader grade_id of the item's answer cell.
    """
    found = Extraction(item)
    parsed = {}
    for index, cell in _code_cells(nb):
        try:
            parsed[index] = _parse(cell.source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            parsed[index] = None
    for tree in parsed.values():
        for node in (tree.body if tree else []):
            if isinstance(node, _IMPORTS):
                found.imports.append(ast.unparse(node))

    answer = [(i, c) for i, c in _code_cells(nb)
              if _grade_id(c) == answer_cell_id]
    kept = []
    if answer:
        index, cell = answer[0]
        tree = parsed[index]
        if tree is None:
            found.error = _syntax_message(item, cell.source)
            return found
        kept = [node for node in tree.body
                if isinstance(node, _IMPORTS + _DEFINITIONS)
                or _is_literal_assignment(node)]
    if not any(_defines(node, item) for node in kept):
        elsewhere = [(i, node) for i, tree in parsed.items() if tree
                     for node in tree.body if _defines(node, item)]
        if elsewhere:
            index, node = elsewhere[-1]
            kept.append(node)
            found.note = ('答案单元中没有 {} 的定义，评分使用了第 {} 个单元'
                          '中的定义。'.format(item, index + 1))
    found.definitions = "\n\n".join(ast.unparse(node) for node in kept)
    return found


def _syntax_message(item, source):
    try:
        _parse(source)
    except SyntaxError as exc:
        where = '第 {} 行'.format(exc.lineno) if exc.lineno else ''
        return ('{} 的答案单元有语法错误 (SyntaxError)，无法运行：{}{}。'
                '请在 JupyterLab 中运行这个单元，按提示改正。'.format(
                    item, where, '：' + exc.msg if exc.msg else ''))
    except Exception as exc:  # ValueError (null bytes), RecursionError
        return '{} 的答案单元无法解析 ({})。'.format(
            item, type(exc).__name__)
    return '{} 的答案单元无法解析。'.format(item)
