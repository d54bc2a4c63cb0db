'''The bundled demo class: what ``make grade`` grades on a fresh checkout.

One student hands in the instructor's answers, one the untouched release,
the others make one typical mistake per graded item (the rest of their
answers are the instructor's), so the grades show exactly where each lost
points.  ``tests/test_pipeline.py`` holds the pipeline to these verdicts.
'''

from .submissions import assignments, write_submission

__all__ = ["STUDENTS", "seed_demo_class"]


class DemoStudent:
    """A demo submission: answers by grade_id, and the items it must lose."""

    def __init__(self, description, answers, loses=()):
        self.description = description
        self.answers = answers
        self.loses = frozenset(loses)


STUDENTS = {
    "demo_instructor": DemoStudent(
        "hands in the instructor's answers", answers={}),
    "demo_untouched": DemoStudent(
        "hands in the release untouched", answers=None,
        loses={"squared_loss", "sgd", "l2_penalty", "dropout", "MLP",
               "MyDense"}),
    "demo_sgd_no_batch_size": DemoStudent(
        "sgd forgets to divide by batch_size",
        answers={"sgd": '''def sgd(params, lr, batch_size):
    """小批量随机梯度下降 (minibatch stochastic gradient descent)"""
    for param in params:
        param[:] = param - lr * param.grad
'''},
        loses={"sgd"}),
    "demo_loss_no_reshape": DemoStudent(
        "squared_loss does not reshape y (broadcasts to (n, n))",
        answers={"squared_loss": '''def squared_loss(y_hat, y):
    """平方损失 (squared loss)"""
    return (y_hat - y) ** 2 / 2
'''},
        loses={"squared_loss"}),
    "demo_dropout_no_rescale": DemoStudent(
        "dropout forgets 1/keep_prob; l2_penalty forgets / 2",
        answers={
            "dropout": '''def dropout(X, drop_prob):
    """丢弃法 (dropout)"""
    assert 0 <= drop_prob <= 1
    keep_prob = 1 - drop_prob
    if keep_prob == 0:
        return X.zeros_like()
    mask = nd.random.uniform(0, 1, X.shape) < keep_prob
    return mask * X
''',
            "l2_penalty": '''def l2_penalty(w):
    """L2 范数惩罚项 (L2 norm penalty)"""
    return (w ** 2).sum()
'''},
        loses={"dropout", "l2_penalty"}),
    "demo_blocks_wrong": DemoStudent(
        "MLP without the ReLU; MyDense without the bias",
        answers={
            "mlp": '''class MLP(nn.Block):
    """多层感知机 (multilayer perceptron)"""

    def __init__(self, **kwargs):
        super(MLP, self).__init__(**kwargs)
        self.hidden = nn.Dense(256)
        self.output = nn.Dense(10)

    def forward(self, x):
        return self.output(self.hidden(x))
''',
            "mydense": '''class MyDense(nn.Block):
    """自定义全连接层 (custom dense layer)"""

    def __init__(self, units, in_units, **kwargs):
        super(MyDense, self).__init__(**kwargs)
        self.weight = self.params.get('weight', shape=(in_units, units))

    def forward(self, x):
        return nd.relu(nd.dot(x, self.weight.data()))
'''},
        loses={"MLP", "MyDense"}),
}


def seed_demo_class(submitted_dir, root=None):
    """Write every demo student's submission of every assignment."""
    kwargs = {} if root is None else {"root": root}
    for student, demo in STUDENTS.items():
        for assignment in assignments(**kwargs):
            write_submission(submitted_dir, student, assignment,
                             demo.answers, **kwargs)
