"""Softmax regression in numpy: a linear classifier over sentence embeddings.

Small enough to train in seconds on a few thousand rows (full batch, Adam), with no library
beyond numpy; the intent reader (intent_reader.py) uses it over MiniLM rows of the templates,
and the crisis reader for its first look and (through `adam`) its small networks.
"""

from dataclasses import dataclass

import numpy as np


@dataclass
class Softmax:
    """Weights (dimensions x classes) and a bias per class."""

    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """One row of class probabilities per input row."""
        z = rows @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


def adam(params: list[np.ndarray], gradients, epochs: int, step: float) -> None:
    """Full-batch Adam on `params` in place; `gradients(params)` gives one array per param."""
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    # One BLAS thread: a matrix product split over more threads adds its parts in another
    # order, and over hundreds of epochs that small difference trains a different reader
    # (crisis held-out 11 read 247 or 244 of 284 on one machine with 1 or 2 threads). With one,
    # the same data trains the same reader on every machine. (Imported here: only training
    # needs it, and a start that loads trained readers is spared its import.)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        for n in range(1, epochs + 1):
            for p, g, m, v in zip(params, gradients(params), first, second):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                p -= step * (m / (1 - 0.9 ** n)) / (np.sqrt(v / (1 - 0.999 ** n)) + 1e-8)


def train_softmax(rows: np.ndarray, labels: np.ndarray, classes: int,
                  sample_weight: np.ndarray, l2: float, epochs: int,
                  step: float = 0.05) -> Softmax:
    """Minimise the weighted cross-entropy (plus `l2` times half the squared weights) by Adam
    on the full batch. `labels` are class numbers; `sample_weight` says how much each row
    counts (normalised here to sum to one)."""
    rows = np.asarray(rows, dtype=np.float32)
    targets = np.eye(classes, dtype=np.float32)[labels]
    weight = (sample_weight / sample_weight.sum()).astype(np.float32)[:, None]
    params = [np.zeros((rows.shape[1], classes), dtype=np.float32),
              np.zeros(classes, dtype=np.float32)]

    def gradients(p):
        error = (Softmax(*p).probabilities(rows) - targets) * weight
        return [rows.T @ error + l2 * p[0], error.sum(axis=0)]
    adam(params, gradients, epochs, step)
    return Softmax(*params)
