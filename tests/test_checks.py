"""Do the hidden checks accept right answers and reject wrong ones?

The answers are the source strings of ``tests/catalogue.py``; each is run
through every check of its item. A right answer (and the reference) must
pass them all; a wrong one must fail exactly the checks its entry lists,
with a Chinese message naming the likely mistake, and pass the others.
"""

import functools
import pickle
import re
import subprocess
import sys
import traceback
import warnings

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    import mxnet as mx
    from mxnet import nd

import catalogue

from autograder import checks
from autograder import reference as ref
from autograder.checks import CHECKS, GRADED_ITEMS, CheckFailed

CJK = re.compile('[\u4e00-\u9fff]')


@functools.lru_cache(maxsize=None)
def answer(item, kind, name):
    """The loaded object of a catalogue entry (loaded once per session)."""
    if kind == 'reference':
        return getattr(ref, item)
    if kind == 'right':
        source = catalogue.RIGHT[item][name]
    elif kind == 'wrong':
        source = catalogue.WRONG[item][name].source
    elif kind == 'stub':
        source = catalogue.STUBS[item]
    else:
        source = catalogue.FORWARD_STUBS[item]
    return catalogue.load(item, source)


def failure_message(grade_id, obj):
    """The message of the CheckFailed the check raises, or None."""
    try:
        CHECKS[grade_id](obj)
    except CheckFailed as failure:
        return str(failure)
    return None


def assert_student_message(message):
    assert CJK.search(message), message
    assert '\n' not in message, 'one paragraph: ' + message


RIGHT_CASES = [
    pytest.param(item, 'reference', 'reference', grade_id,
                 id='{}-reference-{}'.format(item, grade_id))
    for item, grade_ids in GRADED_ITEMS.items() for grade_id in grade_ids
] + [
    pytest.param(item, 'right', name, grade_id,
                 id='{}-{}-{}'.format(item, name, grade_id))
    for item, grade_ids in GRADED_ITEMS.items()
    for name in catalogue.RIGHT[item]
    for grade_id in grade_ids
]

WRONG_CASES = [
    pytest.param(item, name, grade_id,
                 id='{}-{}-{}'.format(item, name, grade_id))
    for item, grade_ids in GRADED_ITEMS.items()
    for name in catalogue.WRONG[item]
    for grade_id in grade_ids
]


@pytest.mark.parametrize('item, kind, name, grade_id', RIGHT_CASES)
def test_right_answer_passes(item, kind, name, grade_id):
    """Does the check accept the reference and every right answer?"""
    message = failure_message(grade_id, answer(item, kind, name))
    assert message is None, message


@pytest.mark.parametrize('item, name, grade_id', WRONG_CASES)
def test_wrong_answer_judged(item, name, grade_id):
    """Does the check fail exactly the listed wrong answers, saying why?"""
    fails = catalogue.WRONG[item][name].fails
    message = failure_message(grade_id, answer(item, 'wrong', name))
    if grade_id not in fails:
        assert message is None, message
        return
    assert message is not None, '{} passed {}'.format(grade_id, name)
    assert_student_message(message)
    hint = fails[grade_id]
    if hint is not None:
        assert hint in message, message


def test_catalogue_covers_every_check():
    """Does every item have >= 4 right and >= 10 wrong answers, and every
    check a wrong answer it rejects?"""
    assert list(catalogue.RIGHT) == list(GRADED_ITEMS)
    assert list(catalogue.WRONG) == list(GRADED_ITEMS)
    for item, grade_ids in GRADED_ITEMS.items():
        assert len(catalogue.RIGHT[item]) >= 4, item
        assert len(catalogue.WRONG[item]) >= 10, item
        rejected = {grade_id for wrong in catalogue.WRONG[item].values()
                    for grade_id in wrong.fails}
        assert rejected <= set(grade_ids), item
        assert rejected == set(grade_ids), (item, set(grade_ids) - rejected)


STUB_CASES = [
    pytest.param(item, kind, grade_id, id='{}-{}-{}'.format(kind, item,
                                                             grade_id))
    for kind, stubs in [('stub', catalogue.STUBS),
                        ('forward_stub', catalogue.FORWARD_STUBS)]
    for item in stubs for grade_id in GRADED_ITEMS[item]
]


@pytest.mark.parametrize('item, kind, grade_id', STUB_CASES)
def test_stub_is_not_implemented(item, kind, grade_id):
    """Does an untouched stub fail every check as 'not implemented'?"""
    message = failure_message(grade_id, answer(item, kind, None))
    assert message is not None
    assert '尚未实现 (not implemented)' in message, message
    assert_student_message(message)


def test_failure_hides_check_code():
    """Is a failure raised from _fail alone, unchained, frames hidden?"""
    stub = answer('sgd', 'stub', None)
    with pytest.raises(CheckFailed) as info:
        checks.check_sgd_step_value(stub)
    failure = info.value
    assert isinstance(failure, AssertionError)
    assert failure.__cause__ is None and failure.__suppress_context__
    frames = traceback.extract_tb(failure.__traceback__)
    # The test's own frame, the (hidden) check wrapper, and _fail.
    assert [f.name for f in frames][1:] == ['check', '_fail']
    check_frame = failure.__traceback__.tb_next.tb_frame
    assert check_frame.f_locals.get('__tracebackhide__') is True


def test_ipython_traceback_shows_no_check_code():
    """Does IPython's traceback of a failed check omit the check's code?"""
    script = '\n'.join([
        'from IPython.core.interactiveshell import InteractiveShell',
        'shell = InteractiveShell.instance()',
        'shell.run_cell("from autograder.checks import '
        'check_l2_penalty_value\\n'
        'check_l2_penalty_value(lambda w: (w ** 2).sum())")',
    ])
    result = subprocess.run([sys.executable, '-c', script],
                            capture_output=True, text=True, timeout=120)
    out = re.sub(r'\x1b\[[0-9;]*m', '', result.stdout)
    assert 'CheckFailed' in out and '漏了 / 2' in out, out
    for code in ['_l2_variants', 'np.sum(w ** 2)', 'inner(obj)',
                 'RandomState', 'expected']:
        assert code not in out, out


def test_right_answers_write_nothing_to_stderr(capfd):
    """Do the checks stay silent (no warning, no stderr) on right answers?"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        for item, grade_ids in GRADED_ITEMS.items():
            objs = [answer(item, 'reference', 'reference')]
            objs += [answer(item, 'right', name)
                     for name in catalogue.RIGHT[item]]
            for obj in objs:
                for grade_id in grade_ids:
                    CHECKS[grade_id](obj)
        # Running again re-creates blocks and re-draws: still silent.
        checks.check_mlp_output_shape(ref.MLP)
    captured = capfd.readouterr()
    assert captured.err == ''
    assert [str(w.message) for w in caught] == []


def test_failing_checks_write_nothing_to_stderr(capfd):
    """Do failing checks report only through their exception?"""
    for item, wrongs in catalogue.WRONG.items():
        for name, wrong in wrongs.items():
            for grade_id in wrong.fails:
                failure_message(grade_id, answer(item, 'wrong', name))
    assert capfd.readouterr().err == ''


def number_strings(values):
    """Ways a number may be printed, with at least 3 significant digits."""
    out = set()
    for value in np.ravel(values):
        value = float(value)
        for text in ['{:.3g}'.format(value), '{:.4g}'.format(value),
                     '{:.5g}'.format(value), '{:.6g}'.format(value),
                     '{:.2f}'.format(value), '{:.3f}'.format(value),
                     repr(float(np.float32(value)))]:
            if len(re.sub(r'[^0-9]', '', text.lstrip('-0.'))) >= 3:
                out.add(text)
    return out


def spy_sgd(wrong, expected_out):
    """Wrap a wrong sgd; record the right result of each hidden call."""
    def sgd(params, lr, batch_size):
        for param in params:
            before = param.asnumpy().astype(np.float64)
            grad = param.grad.asnumpy().astype(np.float64)
            expected_out.append(before - lr * grad / batch_size)
        return wrong(params, lr, batch_size)
    return sgd


@pytest.mark.parametrize('name', ['forgets_batch_size', 'rebinds_param',
                                  'adds_gradient', 'only_first_param',
                                  'batch_size_hard_wired',
                                  'update_after_loop'])
def test_sgd_message_hides_expected_values(name):
    """Does check_sgd_step_value keep the right updated values secret?"""
    expected = []
    spy = spy_sgd(answer('sgd', 'wrong', name), expected)
    message = failure_message('sgd_step_value', spy)
    assert message is not None and expected
    for text in number_strings(np.concatenate(
            [np.ravel(e) for e in expected])):
        assert text not in message, (text, message)


def spy_l2(wrong, expected_out):
    def l2_penalty(w):
        expected_out.append(np.sum(w.asnumpy().astype(np.float64) ** 2) / 2)
        return wrong(w)
    return l2_penalty


@pytest.mark.parametrize('name', ['no_half', 'mean_not_sum', 'sum_of_abs',
                                  'norm_not_squared', 'square_of_sum',
                                  'includes_lambda'])
def test_l2_penalty_message_hides_expected_value(name):
    """Does check_l2_penalty_value keep the right penalty secret?"""
    expected = []
    spy = spy_l2(answer('l2_penalty', 'wrong', name), expected)
    message = failure_message('l2_penalty_value', spy)
    assert message is not None and expected
    for text in number_strings(expected):
        assert text not in message, (text, message)


def test_hard_coded_public_answer_fails():
    """Does an l2_penalty that returns the public test's 7 fail?"""
    def l2_penalty(w):
        return nd.array([7.0])
    assert failure_message('l2_penalty_value', l2_penalty) is not None


def test_raising_answer_names_the_exception():
    """Does a check report an answer's exception by type and message?"""
    def squared_loss(y_hat, y):
        raise ValueError('boom')
    message = failure_message('squared_loss_value', squared_loss)
    assert 'ValueError: boom' in message
    assert_student_message(message)


def test_returning_none_is_diagnosed():
    """Does a loss without return get 'forgot to return' as the cause?"""
    def squared_loss(y_hat, y):
        (y_hat - y.reshape(y_hat.shape)) ** 2 / 2
    message = failure_message('squared_loss_value', squared_loss)
    assert '忘了 return' in message


def test_sgd_may_return_something():
    """Does check_sgd_step_value accept an sgd that returns a value?"""
    def sgd(params, lr, batch_size):
        ref.sgd(params, lr, batch_size)
        return 'done'
    for grade_id in GRADED_ITEMS['sgd']:
        assert failure_message(grade_id, sgd) is None


def test_checks_leave_global_rngs_alone():
    """Do checks draw nothing from MXNet's or numpy's global RNG?"""
    no_dropout = [g for item, ids in GRADED_ITEMS.items()
                  if item != 'dropout' for g in ids]
    mx.random.seed(123)
    np.random.seed(123)
    mx_draw = nd.random.uniform(shape=(5,)).asnumpy()
    np_draw = np.random.uniform(size=5)
    mx.random.seed(123)
    np.random.seed(123)
    for grade_id in no_dropout:
        item = next(i for i, ids in GRADED_ITEMS.items() if grade_id in ids)
        CHECKS[grade_id](getattr(ref, item))
    assert nd.random.uniform(shape=(5,)).asnumpy().tolist() == \
        mx_draw.tolist()
    assert np.random.uniform(size=5).tolist() == np_draw.tolist()


def test_check_tables_agree():
    """Are CHECKS, GRADED_ITEMS and the check_* functions one list?"""
    grade_ids = [g for ids in GRADED_ITEMS.values() for g in ids]
    assert list(CHECKS) == grade_ids
    functions = sorted(name[len('check_'):] for name in dir(checks)
                       if name.startswith('check_'))
    assert functions == sorted(grade_ids)
    assert list(GRADED_ITEMS) == ['squared_loss', 'sgd', 'l2_penalty',
                                  'dropout', 'MLP', 'MyDense']
    for grade_id, check in CHECKS.items():
        assert check.__name__ == 'check_' + grade_id
        assert pickle.loads(pickle.dumps(check)) is check
        assert check.__doc__


def test_grade_ids_match_the_pipeline():
    """Do the checks' grade ids match autograder.items, if it exists?"""
    items = pytest.importorskip('autograder.items')
    assert items.GRADED_ITEMS == GRADED_ITEMS


def test_check_failed_is_assertion_error():
    """Is CheckFailed an AssertionError, as nbgrader test cells expect?"""
    assert issubclass(CheckFailed, AssertionError)
