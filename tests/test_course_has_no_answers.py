"""Does course/, which students import, hold no graded answer?"""

import inspect

import pytest

import course
from autograder import checks
from autograder.items import GRADED_ITEMS

PUBLIC = [getattr(course, name) for name in course.__all__
          if callable(getattr(course, name))]


@pytest.mark.parametrize("item", list(GRADED_ITEMS))
def test_no_course_function_passes_a_graded_item(item):
    """Does every check of every item reject every public course helper?"""
    for helper in PUBLIC:
        passed = []
        for grade_id in GRADED_ITEMS[item]:
            try:
                getattr(checks, "check_" + grade_id)(helper)
            except AssertionError:
                continue
            passed.append(grade_id)
        assert len(passed) < len(GRADED_ITEMS[item]), (
            "course.%s passes every check of %s" % (helper.__name__, item))


def test_course_defines_no_graded_name():
    """Is none of the graded names defined anywhere in course/?"""
    for module in [m for _, m in inspect.getmembers(course,
                                                    inspect.ismodule)]:
        source = inspect.getsource(module)
        for name in GRADED_ITEMS:
            assert "def %s(" % name not in source, module.__name__
            assert "class %s(" % name not in source, module.__name__
