"""The probe runner: ``python -m autograder.probes REQUEST.json OUTDIR``.

Runs in the sandboxed process that executes the student's code. The
request (written by the grader) is JSON::

    {"item": "sgd", "grade_ids": ["sgd_step_value", ...],
     "imports": ["from mxnet import nd", ...],
     "definitions": "<python source of the answer>"}

The runner loads all trusted code first (numpy, mxnet, the probes), then
runs each ``imports`` entry in a fresh namespace (failures ignored), then
``definitions``, takes ``namespace[item]`` and runs the probe of every
grade id in order. Each probe's record goes to ``OUTDIR/<grade_id>.rec``
(``wire`` bytes, written to a temporary name first, then renamed, so a
killed process leaves whole records or none), one of::

    {"status": "ok", "data": <the probe's data>}
    {"status": "failed", "message": <final student message>}
    {"status": "crashed", "type": <exception type>, "text": <its text>}

``failed`` is a ProbeFailed, or, for every grade id, a definition that
raised or never defined the item; ``crashed`` is anything that got past a
probe (SystemExit, KeyboardInterrupt, a record that cannot be encoded).
What the runner prints is irrelevant. It exits with status 0. Before
running any student code it creates ``OUTDIR/.started``: without it, the
grader knows the sandbox (not the submission) failed.
"""

import json
import os
import re
import sys
import warnings

with warnings.catch_warnings():
    # Trusted code first, before any student code runs.
    warnings.simplefilter('ignore')
    import mxnet  # noqa: F401
    import numpy  # noqa: F401

from . import run_probe, wire
from ._common import _exc_text

_GRADE_ID = re.compile(r'[A-Za-z0-9_]+')


def main(argv):
    """Run the request in argv[0], writing records into argv[1]."""
    warnings.simplefilter('ignore')
    if len(argv) != 2:
        print('usage: python -m autograder.probes REQUEST.json OUTDIR',
              file=sys.stderr)
        return 2
    with open(argv[0], encoding='utf-8') as file:
        request = json.load(file)
    # Tells the grader the sandbox worked, before any student code runs.
    with open(os.path.join(argv[1], '.started'), 'w'):
        pass
    run(request, argv[1])
    return 0


def run(request, outdir):
    """Run the request's definitions and probes; write one record each."""
    item, grade_ids = request['item'], list(request['grade_ids'])
    for grade_id in grade_ids:
        if not _GRADE_ID.fullmatch(grade_id):
            raise ValueError('bad grade id {!r}'.format(grade_id))
    namespace = {'__name__': '__submission__'}
    for line in request.get('imports', []):
        try:
            exec(compile(line, '<imports>', 'exec'), namespace)
        except BaseException:  # e.g. a package the sandbox lacks
            pass
    try:
        exec(compile(request['definitions'], '<answer>', 'exec'), namespace)
    except BaseException as exc:
        message = ('运行你的答案单元中的定义时出错 ({}: {})：请在 notebook 中'
                   '重新运行这个单元，确认它不报错。'.format(
                       _type_name(exc), _text(exc, 200)))
        return _fail_all(outdir, grade_ids, message)
    if item not in namespace:
        message = ('找不到 {} 的定义：运行你的答案单元后没有定义 {}。请不要'
                   '改动它的名字。'.format(item, item))
        return _fail_all(outdir, grade_ids, message)
    obj = namespace[item]
    for grade_id in grade_ids:
        try:
            data = wire.encode(run_probe(grade_id, obj))
        except BaseException as exc:  # SystemExit from the student, ...
            data = wire.encode(_crashed(exc))
        _write(outdir, grade_id, data)


def _fail_all(outdir, grade_ids, message):
    data = wire.encode({'status': 'failed', 'message': message})
    for grade_id in grade_ids:
        _write(outdir, grade_id, data)


def _crashed(exc):
    return {'status': 'crashed', 'type': _type_name(exc),
            'text': _text(exc, 500)}


def _type_name(exc):
    try:
        return str(type(exc).__name__)[:100]
    except BaseException:
        return '?'


def _text(exc, limit):
    """The exception's text, even when its __str__ misbehaves."""
    try:
        return _exc_text(exc, limit)
    except BaseException:
        return ''


def _write(outdir, grade_id, data):
    """Write OUTDIR/<grade_id>.rec atomically: a temporary file, renamed."""
    path = os.path.join(outdir, grade_id + '.rec')
    temporary = os.path.join(outdir, '.{}.rec.tmp'.format(grade_id))
    with open(temporary, 'wb') as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


if __name__ == '__main__':
    status = main(sys.argv[1:])
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    # Exit now: threads the student's code started must not keep us alive.
    os._exit(status)
