"""Probes, the wire format, the probe runner and verdicts.

The checks are split into probes, which run the student's code in its
own process and record data, and judges, which decide in the trusted
process (see ``autograder.checks``). These tests hold the split to the
old behaviour and the boundary to its promises: the runner in a
subprocess plus ``verdict`` says what the in-process check says for
every catalogue answer; the wire format refuses hostile bytes; the
probes never import what knows the right answers; the runner survives
answers that raise, exit or never define their item.
"""

import ast
import base64
import io
import json
import os
import re
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    from mxnet import nd

import catalogue
from test_checks import answer, failure_message

from autograder import probes
from autograder.checks import CHECKS, GRADED_ITEMS, JUDGES, verdict
from autograder.probes import PROBES, wire
from autograder.probes import __main__ as runner
from autograder.probes.wire import WireError

ROOT = Path(__file__).resolve().parents[1]
PROBES_DIR = ROOT / 'autograder' / 'probes'
IMPORTS = catalogue.PRELUDE.splitlines()
TIMEOUT = 600


def request(item, source, grade_ids=None):
    return {'item': item,
            'grade_ids': list(grade_ids or GRADED_ITEMS[item]),
            'imports': IMPORTS, 'definitions': source}


def catalogue_sources(item):
    """(kind, name, source) of every catalogue answer for item."""
    out = [('right', name, source)
           for name, source in catalogue.RIGHT[item].items()]
    out += [('wrong', name, wrong.source)
            for name, wrong in catalogue.WRONG[item].items()]
    out.append(('stub', None, catalogue.STUBS[item]))
    if item in catalogue.FORWARD_STUBS:
        out.append(('forward_stub', None, catalogue.FORWARD_STUBS[item]))
    return out


def env(pythonpath=ROOT):
    return dict(os.environ, PYTHONPATH=str(pythonpath))


def read_records(outdir, grade_ids):
    """grade_id -> decoded record, or None when missing or unreadable."""
    out = {}
    for grade_id in grade_ids:
        try:
            out[grade_id] = wire.read(Path(outdir) / (grade_id + '.rec'))
        except (OSError, WireError):
            out[grade_id] = None
    return out


def comparable(item, message):
    """A message with its process-dependent parts masked: the counters in
    Gluon's parameter names (and so where a long exception text is cut),
    dropout's random numbers."""
    if message is None:
        return message
    message = re.sub(r'([A-Za-z]+)\d+_', r'\1#_', message)
    message = re.sub(r'\S*…', '…', message)
    if item == 'dropout':
        message = re.sub(r'\d+(\.\d+)?', '#', message)
    return message


# --------------------------------------------------------------------------
# (a) The runner in a subprocess, plus verdict, says what the check says.
# --------------------------------------------------------------------------

# Runs many requests in one process, to import mxnet once per item; the
# production runner runs one request per (sandboxed) process.
LOOP = '''
import json, sys
from autograder.probes.__main__ import run
for request_path, outdir in json.loads(sys.argv[1]):
    with open(request_path, encoding='utf-8') as file:
        run(json.load(file), outdir)
'''


@pytest.fixture(scope='module')
def catalogue_records(tmp_path_factory):
    """(item, kind, name) -> grade_id -> record, from runner subprocesses.

    One subprocess per item runs every catalogue answer of the item in
    turn through ``autograder.probes.__main__.run``.
    """
    root = tmp_path_factory.mktemp('catalogue_runs')
    jobs, where = [], {}
    for item in GRADED_ITEMS:
        pairs = []
        for i, (kind, name, source) in enumerate(catalogue_sources(item)):
            folder = root / '{}-{}'.format(item, i)
            (folder / 'out').mkdir(parents=True)
            path = folder / 'request.json'
            path.write_text(json.dumps(request(item, source)),
                            encoding='utf-8')
            pairs.append([str(path), str(folder / 'out')])
            where[(item, kind, name)] = folder / 'out'
        jobs.append(subprocess.Popen(
            [sys.executable, '-c', LOOP, json.dumps(pairs)], cwd=root,
            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for job in jobs:
        _, err = job.communicate(timeout=TIMEOUT)
        assert job.returncode == 0, err.decode(errors='replace')[-3000:]
    return {key: read_records(outdir, GRADED_ITEMS[key[0]])
            for key, outdir in where.items()}


CATALOGUE_CASES = [
    pytest.param(item, kind, name, id='{}-{}-{}'.format(item, kind, name))
    for item in GRADED_ITEMS
    for kind, name, _ in catalogue_sources(item)
]


@pytest.mark.parametrize('item, kind, name', CATALOGUE_CASES)
def test_runner_verdict_matches_check(catalogue_records, item, kind, name):
    """Does runner + verdict pass and fail like the in-process check, with
    the same message?"""
    records = catalogue_records[(item, kind, name)]
    obj = answer(item, kind, name)
    for grade_id in GRADED_ITEMS[item]:
        record = records[grade_id]
        assert record is not None, grade_id
        assert record['status'] in ('ok', 'failed'), record
        expected = failure_message(grade_id, obj)
        got = verdict(grade_id, record)
        assert comparable(item, got) == comparable(item, expected), \
            (grade_id, got, expected)


def first_wrong(item):
    return next(iter(catalogue.WRONG[item]))


@pytest.fixture(scope='module')
def cli_records(tmp_path_factory):
    """Records of the real command line, one process per request.

    Per item: a right answer, a wrong one, the stub; plus the runner
    behaviours tested below. All processes run side by side.
    """
    root = tmp_path_factory.mktemp('cli_runs')
    requests = {}
    for item in GRADED_ITEMS:
        requests[(item, 'right')] = request(
            item, next(iter(catalogue.RIGHT[item].values())))
        requests[(item, 'wrong')] = request(
            item, catalogue.WRONG[item][first_wrong(item)].source)
        requests[(item, 'stub')] = request(item, catalogue.STUBS[item])
    requests.update(RUNNER_REQUESTS)
    jobs = {}
    for key, body in requests.items():
        folder = root / '-'.join(key)
        (folder / 'out').mkdir(parents=True)
        # Garbage where a record goes: the runner must replace it.
        (folder / 'out' / (body['grade_ids'][0] + '.rec')).write_bytes(
            b'not a record')
        (folder / 'request.json').write_text(json.dumps(body),
                                             encoding='utf-8')
        jobs[key] = (folder, subprocess.Popen(
            [sys.executable, '-m', 'autograder.probes',
             str(folder / 'request.json'), str(folder / 'out')],
            cwd=folder, env=env(), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
    out = {}
    for key, (folder, job) in jobs.items():
        job.wait(timeout=TIMEOUT)
        out[key] = {'returncode': job.returncode,
                    'files': sorted(p.name for p in (folder / 'out')
                                    .iterdir()),
                    'records': read_records(folder / 'out',
                                            requests[key]['grade_ids'])}
    return out


@pytest.mark.parametrize('item', list(GRADED_ITEMS))
@pytest.mark.parametrize('which', ['right', 'wrong', 'stub'])
def test_command_line_matches_check(cli_records, item, which):
    """Does ``python -m autograder.probes`` give the check's verdicts?"""
    run = cli_records[(item, which)]
    assert run['returncode'] == 0
    obj = answer(item, which, {'right': next(iter(catalogue.RIGHT[item])),
                               'wrong': first_wrong(item),
                               'stub': None}[which])
    for grade_id in GRADED_ITEMS[item]:
        expected = failure_message(grade_id, obj)
        got = verdict(grade_id, run['records'][grade_id])
        assert comparable(item, got) == comparable(item, expected)
    if which == 'right':
        assert all(verdict(g, run['records'][g]) is None
                   for g in GRADED_ITEMS[item])


# --------------------------------------------------------------------------
# (d) Runner behaviours.
# --------------------------------------------------------------------------

SGD_IDS = GRADED_ITEMS['sgd']
L2_IDS = GRADED_ITEMS['l2_penalty']

RUNNER_REQUESTS = {
    ('runner', 'definition_raises'): request(
        'sgd', 'def sgd(params, lr, batch_size):\n    pass\n'
        'raise ValueError("boom")\n'),
    ('runner', 'syntax_error'): request(
        'sgd', 'def sgd(params, lr, batch_size)\n    pass\n'),
    ('runner', 'item_missing'): request(
        'sgd', 'def sdg(params, lr, batch_size):\n    pass\n'),
    ('runner', 'exits'): request(
        'sgd', 'import sys\n\ndef sgd(params, lr, batch_size):\n'
        '    sys.exit(3)\n'),
    ('runner', 'bad_import_ignored'): dict(request(
        'sgd', catalogue.RIGHT['sgd']['book']),
        imports=['import no_such_module_anywhere'] + IMPORTS),
    # Dies in the second probe only: the first record is there.
    ('runner', 'os_exit'): request(
        'l2_penalty', 'import os\n\ndef l2_penalty(w):\n'
        '    if w.shape == (6, 1):\n        os._exit(0)\n'
        '    return (w ** 2).sum() / 2\n'),
}


def runner_run(cli_records, name):
    run = cli_records[('runner', name)]
    assert run['returncode'] == 0
    assert not [f for f in run['files'] if f.endswith('.tmp')]
    return run['records']


def test_runner_definition_raises(cli_records):
    """Does a definition that raises fail every grade id, saying so?"""
    records = runner_run(cli_records, 'definition_raises')
    for grade_id in SGD_IDS:
        assert records[grade_id]['status'] == 'failed'
        message = verdict(grade_id, records[grade_id])
        assert message.startswith('运行你的答案单元中的定义时出错 '
                                  '(ValueError: boom)')
    message = verdict(SGD_IDS[0], runner_run(cli_records, 'syntax_error')[
        SGD_IDS[0]])
    assert '(SyntaxError: ' in message


def test_runner_item_missing(cli_records):
    """Does a missing definition fail every grade id by name?"""
    records = runner_run(cli_records, 'item_missing')
    for grade_id in SGD_IDS:
        assert records[grade_id]['status'] == 'failed'
        assert verdict(grade_id, records[grade_id]).startswith(
            '找不到 sgd 的定义')


def test_runner_student_exit_is_a_crash(cli_records):
    """Does a SystemExit from the answer give 'crashed' records?"""
    records = runner_run(cli_records, 'exits')
    for grade_id in SGD_IDS:
        assert records[grade_id] == {'status': 'crashed',
                                     'type': 'SystemExit', 'text': '3'}
        message = verdict(grade_id, records[grade_id])
        assert '运行你的代码的进程出错 (SystemExit: 3)' in message


def test_runner_ignores_failing_imports(cli_records):
    records = runner_run(cli_records, 'bad_import_ignored')
    assert [verdict(g, records[g]) for g in SGD_IDS] == [None] * 3


def test_runner_killed_leaves_whole_records(cli_records):
    """Does os._exit in a probe keep earlier records and leave none for
    the rest, which verdict reports as missing?"""
    run = cli_records[('runner', 'os_exit')]
    assert run['files'] == ['.started', 'l2_penalty_value.rec']
    records = run['records']
    assert verdict('l2_penalty_value', records['l2_penalty_value']) is None
    assert records['l2_penalty_gradient'] is None
    assert '没有给出结果' in verdict('l2_penalty_gradient', None)


def test_runner_replaces_existing_files(cli_records):
    """Is a stale file where a record goes replaced by the record?"""
    records = cli_records[('squared_loss', 'right')]['records']
    assert records['squared_loss_value']['status'] == 'ok'


def test_runner_probe_raising_is_a_crash(tmp_path, monkeypatch):
    """Does an exception that gets past a probe give 'crashed', and the
    other probes still run?"""
    def boom(obj):
        raise KeyboardInterrupt('stop')
    monkeypatch.setitem(PROBES, 'sgd_step_value', boom)
    runner.run(request('sgd', catalogue.RIGHT['sgd']['book']), tmp_path)
    records = read_records(tmp_path, SGD_IDS)
    assert records['sgd_step_value'] == {
        'status': 'crashed', 'type': 'KeyboardInterrupt', 'text': 'stop'}
    assert records['sgd_updates_in_place']['status'] == 'ok'


def test_runner_writes_records_atomically(tmp_path, monkeypatch):
    """Is every record written whole under a temporary name, then renamed
    over its final name?"""
    seen = []
    real_replace = os.replace

    def replace(source, target):
        seen.append((Path(source).name, Path(target).name,
                     Path(source).read_bytes()))
        real_replace(source, target)
    monkeypatch.setattr(runner.os, 'replace', replace)
    (tmp_path / 'sgd_step_value.rec').write_bytes(b'stale')
    runner.run(request('sgd', catalogue.RIGHT['sgd']['book']), tmp_path)
    assert [(s, t) for s, t, _ in seen] == [
        ('.{}.rec.tmp'.format(g), g + '.rec') for g in SGD_IDS]
    for _, target, data in seen:
        assert (tmp_path / target).read_bytes() == data
        assert wire.decode(data)['status'] == 'ok'
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        g + '.rec' for g in SGD_IDS)


def test_runner_rejects_bad_grade_ids(tmp_path):
    with pytest.raises(ValueError):
        runner.run(request('sgd', 'sgd = 1', ['../escape']), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_runner_needs_only_the_probes(tmp_path):
    """Does the runner work with autograder/ holding only probes/, as in
    the sandbox, and load no judge or reference code?"""
    package = tmp_path / 'autograder'
    package.mkdir()
    (package / '__init__.py').write_text('')
    for path in PROBES_DIR.glob('*.py'):
        (package / 'probes').mkdir(exist_ok=True)
        (package / 'probes' / path.name).write_bytes(path.read_bytes())
    found = subprocess.run(
        [sys.executable, '-c', 'import importlib.util; print(importlib.'
         'util.find_spec("autograder").origin)'],
        cwd=tmp_path, env=env(tmp_path), capture_output=True, text=True,
        timeout=TIMEOUT)
    assert found.stdout.strip() == str(package / '__init__.py')
    body = request('l2_penalty', catalogue.RIGHT['l2_penalty']['book'])
    (tmp_path / 'request.json').write_text(json.dumps(body))
    (tmp_path / 'out').mkdir()
    result = subprocess.run(
        [sys.executable, '-m', 'autograder.probes', 'request.json', 'out'],
        cwd=tmp_path, env=env(tmp_path), capture_output=True,
        timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    records = read_records(tmp_path / 'out', L2_IDS)
    assert [verdict(g, records[g]) for g in L2_IDS] == [None, None]


# --------------------------------------------------------------------------
# (c) The probes know no right answer.
# --------------------------------------------------------------------------

def probe_sources():
    return sorted(PROBES_DIR.glob('*.py'))


def imported_modules(path):
    """Absolute names of what a module of autograder.probes imports."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parent = 'autograder.probes'.split('.')
                parent = parent[:len(parent) - node.level + 1]
                base = '.'.join(parent + ([base] if base else []))
            names.append(base)
            names += [base + '.' + alias.name for alias in node.names]
    return names


@pytest.mark.parametrize('path', probe_sources(), ids=lambda p: p.name)
def test_probes_import_no_judge_or_reference(path):
    """Does no probe module import the checks or the reference answers,
    or name an expected value?"""
    for name in imported_modules(path):
        assert not name.startswith('autograder.checks'), name
        assert not name.startswith('autograder.reference'), name
    source = path.read_text(encoding='utf-8')
    assert not re.search(r'(from|import)\s+[\w.]*(reference|checks)',
                         source)
    tree = ast.parse(source)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {node.arg for node in ast.walk(tree) if isinstance(node, ast.arg)}
    assert not [n for n in names if 'expect' in n.lower()], path


def test_importing_probes_loads_no_judge():
    script = ('import sys, autograder.probes, autograder.probes.wire, '
              'autograder.probes.__main__\n'
              'bad = [m for m in sys.modules if m.startswith('
              '("autograder.checks", "autograder.reference", '
              '"autograder.items"))]\n'
              'assert not bad, bad\n')
    result = subprocess.run([sys.executable, '-c', script], env=env(),
                            capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr.decode()[-3000:]


def test_probe_and_judge_tables_agree():
    """One probe (with a title) and one judge per grade cell, in order."""
    assert list(PROBES) == list(CHECKS) == list(JUDGES)
    for grade_id, probe in PROBES.items():
        assert probe.__name__ == 'probe_' + grade_id
        assert JUDGES[grade_id].__name__ == 'judge_' + grade_id
        assert re.search('[\u4e00-\u9fff]', probe.title)
        assert probe.__doc__ and JUDGES[grade_id].__doc__


# --------------------------------------------------------------------------
# Probes record only plain data.
# --------------------------------------------------------------------------

def plain(value):
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, np.ndarray):
        return value.dtype.kind in 'biuf'
    return value is None or type(value) in (str, int, float, bool)


@pytest.mark.parametrize('grade_id', list(PROBES))
def test_probe_data_is_plain(grade_id):
    """Does a right answer's probe return {'steps': [dict, ...]} of plain
    data only?"""
    item = next(i for i, ids in GRADED_ITEMS.items() if grade_id in ids)
    obj = answer(item, 'right', next(iter(catalogue.RIGHT[item])))
    data = PROBES[grade_id](obj)
    assert set(data) == {'steps'} and data['steps']
    assert all(isinstance(step, dict) for step in data['steps'])
    assert plain(data)


def test_probe_failure_before_any_step_raises():
    stub = answer('sgd', 'stub', None)
    with pytest.raises(probes.ProbeFailed, match='尚未实现'):
        PROBES['sgd_step_value'](stub)
    assert probes.run_probe('sgd_step_value', stub)['status'] == 'failed'


def test_probe_failure_after_a_step_is_recorded():
    """Does a failure part-way keep the steps before it, and does the
    judge report it only after judging them?"""
    calls = []

    def squared_loss(y_hat, y):
        calls.append(1)
        if len(calls) == 2:
            raise ValueError('second call')
        return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
    data = PROBES['squared_loss_value'](squared_loss)
    assert len(data['steps']) == 1 and 'ValueError: second' in data['failed']
    message = verdict('squared_loss_value', {'status': 'ok', 'data': data})
    assert message == data['failed']
    assert message.startswith('检查 squared_loss 的值：调用 ')


# --------------------------------------------------------------------------
# verdict on every kind of record.
# --------------------------------------------------------------------------

def test_verdict_of_missing_and_crashed_records():
    message = verdict('sgd_step_value', None)
    assert message == ('检查 sgd 更新后的值 时运行你的代码的进程没有给出结果：'
                       '它可能超时、超出内存或被终止。是否有死循环、很大的'
                       '数组或 os._exit？')
    message = verdict('mlp_forward', {'status': 'crashed',
                                      'type': 'MemoryError', 'text': ''})
    assert message.startswith('检查 MLP 的前向计算 时运行你的代码的进程出错 '
                              '(MemoryError: )')


def test_verdict_cleans_failed_messages():
    """Are a failed record's control characters dropped and its length
    capped?"""
    message = verdict('sgd_step_value', {
        'status': 'failed',
        'message': '坏\x1b[31m\n\u202e\ud800\u2028' + 'x' * 5000})
    assert message.startswith('坏[31m') and len(message) == 1500
    assert not re.search('[\x00-\x1f\x7f\u202e\u2028\ud800]', message)


MALFORMED = [
    None, [], 'ok', {'steps': 'no'}, {'steps': [None]}, {'steps': [[]]},
    {'steps': []}, {'steps': [{}]}, {'steps': [{}] * 4},
    {'steps': [{'value': 'x', 'kind': 3}] * 4},
    {'steps': [{'value': [1.0], 'kind': 'k'}] * 4},
    {'steps': [], 'failed': 7},
]


@pytest.mark.parametrize('grade_id', list(JUDGES))
@pytest.mark.parametrize('data', MALFORMED, ids=repr)
def test_malformed_data_never_passes(grade_id, data):
    """Does a judge fail, with the 'cannot check' message and nothing of
    its own, on data no probe writes?"""
    message = verdict(grade_id, {'status': 'ok', 'data': data})
    assert message == ('检查 {} 时，你的实现返回的数据无法检查：请确认它'
                       '的接口与题目要求一致。'.format(PROBES[grade_id].title))


@pytest.mark.parametrize('record', [
    {}, {'status': 'unknown'}, {'status': 'failed', 'message': 3}, [1],
    'ok'], ids=repr)
def test_malformed_records_never_pass(record):
    assert '无法检查' in verdict('sgd_step_value', record)


def test_left_over_failure_fails():
    """Does a record that passes but carries a failure fail with it?"""
    data = probes.run_probe('l2_penalty_gradient',
                            answer('l2_penalty', 'right', 'book'))['data']
    data = dict(data, failed='后来出错了')
    assert verdict('l2_penalty_gradient',
                   {'status': 'ok', 'data': data}) == '后来出错了'


def test_shortened_sgd_record_does_not_pass():
    """Does an sgd record with fewer parameters than given fail?"""
    data = probes.run_probe('sgd_step_value',
                            answer('sgd', 'right', 'book'))['data']
    for step in data['steps']:
        step['after'] = step['after'][:1]
    assert verdict('sgd_step_value', {'status': 'ok', 'data': data})


# --------------------------------------------------------------------------
# (b) The wire format.
# --------------------------------------------------------------------------

def test_wire_round_trip():
    arrays = [np.arange(6, dtype=np.float64).reshape(2, 3),
              np.array([1.5, np.nan, -np.inf], dtype=np.float32),
              np.array(3, dtype=np.int64), np.zeros((0, 4)),
              np.array([[True, False]]), np.asfortranarray(np.eye(3)),
              np.array([1, 2], dtype='>u2'), np.float16([0.5])]
    data = {'arrays': arrays, 'tuple': (1, (2.5, 'x')), 'none': None,
            'flags': [True, False], 'text': '中文 \u2028 \x00',
            'numbers': [np.float64(1.25), np.int32(7), np.bool_(True)],
            'specials': [float('nan'), float('inf'), -float('inf')],
            'empty': {}, 'nested': [[[{}]]]}
    back = wire.decode(wire.encode(data))
    assert set(back) == set(data)
    for got, sent in zip(back['arrays'], arrays):
        assert got.dtype == sent.dtype and got.shape == sent.shape
        assert np.array_equal(got, sent, equal_nan=True)
    assert back['tuple'] == [1, [2.5, 'x']]
    assert back['numbers'] == [1.25, 7, True]
    assert type(back['numbers'][2]) is bool
    assert back['specials'][0] != back['specials'][0]
    assert back['specials'][1:] == [float('inf'), -float('inf')]
    assert back['text'] == data['text'] and back['nested'] == [[[{}]]]
    assert wire.encode(data).isascii()


@pytest.mark.parametrize('value', [
    np.array([object()]), np.array(['a']), np.array([1j]),
    np.zeros(2, dtype=[('a', 'f8')]), {1: 2}, {'__ndarray__': 'x'},
    {'__x': 1}, {1, 2}, object(), b'bytes', nd.ones((2,)),
    np.datetime64('2020-01-01'),
], ids=lambda v: type(v).__name__)
def test_wire_encode_refuses_non_data(value):
    with pytest.raises(WireError):
        wire.encode({'value': value})


def test_wire_encode_caps():
    with pytest.raises(WireError):
        wire.encode({'a': 'x' * 100}, max_bytes=50)
    deep = []
    for _ in range(40):
        deep = [deep]
    with pytest.raises(WireError):
        wire.encode(deep)


def npy(array, allow_pickle=False):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def npy_with_header(header, data=b'', version=1):
    text = header.encode('latin1')
    if version == 1:
        return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(text)) + text \
            + data
    return b'\x93NUMPY\x02\x00' + struct.pack('<I', len(text)) + text + data


def marked(raw):
    return json.dumps({'a': {'__ndarray__': base64.b64encode(raw).decode()}})


HOSTILE = {
    'pickled_object_array': marked(npy(np.array([{'x': 1}], dtype=object),
                                       allow_pickle=True)),
    'pickle': marked(b'\x80\x04\x95' + b'cos\nsystem\n' * 3),
    'object_descr': marked(npy_with_header(
        "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }")),
    'string_descr': marked(npy_with_header(
        "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }",
        b'\x00' * 12)),
    'complex_descr': marked(npy(np.array([1j]))),
    'structured_descr': marked(npy_with_header(
        "{'descr': [('a', '<f8')], 'fortran_order': False, "
        "'shape': (1,), }", b'\x00' * 8)),
    'huge_declared_shape': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, "
        "'shape': (1000000, 1000000), }", b'\x00' * 64)),
    'huge_declared_shape_v2': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, "
        "'shape': (1000000000000,), }", b'', version=2)),
    'short_data': marked(npy(np.zeros(10))[:-8]),
    'long_data': marked(npy(np.zeros(10)) + b'\x00' * 8),
    'negative_shape': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }")),
    'header_call': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, "
        "'shape': __import__('os').getpid(), }")),
    'header_extra_key': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), "
        "'x': 1}", b'\x00' * 8)),
    'header_too_long': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }"
        + ' ' * 70000, b'\x00' * 8, version=2)),
    'header_deep': marked(npy_with_header('(' * 1000 + ')' * 1000)),
    'order_not_bool': marked(npy_with_header(
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }",
        b'\x00' * 8)),
    'garbage_base64': json.dumps({'a': {'__ndarray__': 'not base64!!'}}),
    'garbage_npy': marked(b'\x93NUMPY garbage'),
    'not_npy': marked(b'hello world'),
    'marker_not_str': json.dumps({'a': {'__ndarray__': 5}}),
    'marker_with_other_keys': json.dumps(
        {'a': {'__ndarray__': base64.b64encode(npy(np.zeros(1))).decode(),
               'b': 1}}),
    'dunder_key': json.dumps({'__class__': 1}),
    'deep_nesting': '[' * 100000 + ']' * 100000,
    'over_depth_cap': '[' * 40 + ']' * 40,
    'big_int': '1' * 5000,
    'not_json': '{"a": ',
    'bad_constant': '{"a": NaNx}',
}


@pytest.mark.parametrize('name', list(HOSTILE))
def test_wire_decode_refuses_hostile_bytes(name):
    with pytest.raises(WireError):
        wire.decode(HOSTILE[name].encode('utf-8'))


def test_wire_decode_refuses_non_utf8_and_oversize():
    with pytest.raises(WireError):
        wire.decode(b'"\xff\xfe"')
    with pytest.raises(WireError):
        wire.decode(b'[' + b'0,' * 100 + b'0]', max_bytes=50)
    with pytest.raises(WireError):
        wire.decode('just a str')


def test_wire_decode_accepts_nan_and_big_float():
    assert wire.decode(b'[NaN, 1e999, -Infinity]')[1] == float('inf')


def test_wire_read(tmp_path):
    path = tmp_path / 'x.rec'
    with pytest.raises(OSError):
        wire.read(path)
    path.write_bytes(wire.encode({'status': 'ok'}))
    assert wire.read(path) == {'status': 'ok'}
    path.write_bytes(b'[' + b'1,' * 100 + b'1]')
    with pytest.raises(WireError):
        wire.read(path, max_bytes=20)
