"""nbgrader preprocessors the course plugs in through nbgrader_config.py."""

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = ["StderrToStdout", "StripTestTracebacks"]


def _is_test_cell(cell):
    return (
        cell.cell_type == "code"
        and utils.is_grade(cell)
        and not utils.is_solution(cell)
    )


class StderrToStdout(NbGraderPreprocessor):
    """Relabel stderr output of test cells as stdout.

    nbgrader gives 0 points to a test cell with any stderr output, so one
    warning printed by MXNet or Python would zero a passing cell.  Failing
    tests raise, and their ``error`` output still scores 0.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if _is_test_cell(cell):
            for output in cell.get("outputs", []):
                if (
                    output.output_type == "stream"
                    and output.name == "stderr"
                ):
                    output.name = "stdout"
        return cell, resources


class StripTestTracebacks(NbGraderPreprocessor):
    """Reduce the errors of test cells to their last line for feedback.

    A traceback through a test cell shows the lines of its hidden part and
    of the autograder's checks; the student needs only the message.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if _is_test_cell(cell):
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [
                        "%s: %s" % (output.ename, output.evalue)
                    ]
        return cell, resources
