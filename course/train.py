"""The book's training loop for classifiers (book 3.6, reused to 3.13)."""

__all__ = ["train_ch3"]


def _evaluate_accuracy(data_iter, net):
    """Share of examples in data_iter whose argmax is the label."""
    acc_sum, n = 0.0, 0
    for X, y in data_iter:
        y = y.astype("float32")
        acc_sum += (net(X).argmax(axis=1) == y).sum().asscalar()
        n += y.size
    return acc_sum / n


def train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
              params=None, lr=None, trainer=None):
    """Train a classifier, printing loss and accuracy (book 3.6)."""
    # Without trainer, each NDArray in params is updated in place by
    # MXNet's own nd.sgd_update; with one, trainer.step(batch_size).
    # Returns one dict per epoch: epoch, loss, train_acc, test_acc.
    from mxnet import autograd, nd

    if trainer is None and (params is None or lr is None):
        raise ValueError("train_ch3 needs params and lr, or a trainer")
    history = []
    for epoch in range(num_epochs):
        train_l_sum, train_acc_sum, n = 0.0, 0.0, 0
        for X, y in train_iter:
            with autograd.record():
                y_hat = net(X)
                batch_loss = loss(y_hat, y).sum()
            batch_loss.backward()
            if trainer is None:
                for param in params:
                    nd.sgd_update(param, param.grad, lr=lr,
                                  rescale_grad=1 / batch_size, out=param)
            else:
                trainer.step(batch_size)
            y = y.astype("float32")
            train_l_sum += batch_loss.asscalar()
            train_acc_sum += (y_hat.argmax(axis=1) == y).sum().asscalar()
            n += y.size
        test_acc = _evaluate_accuracy(test_iter, net)
        print("epoch %d, loss %.4f, train acc %.3f, test acc %.3f"
              % (epoch + 1, train_l_sum / n, train_acc_sum / n, test_acc))
        history.append({"epoch": epoch + 1,
                        "loss": float(train_l_sum / n),
                        "train_acc": float(train_acc_sum / n),
                        "test_acc": float(test_acc)})
    return history
