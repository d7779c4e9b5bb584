"""The layers of a network, each with its forward pass beside its backward pass.

Names follow the maths of notebook 01: a layer maps its input to its output and keeps what its backward
pass needs; backward turns d loss / d output into d loss / d input. The gradient passed between layers
is per example (one row each, not divided by the batch size N); a layer's parameter gradients (dW, db,
...) average over the batch, which is where the 1/N of the mean loss enters, once.
forward(x, training=True) runs a training step: batch norm is the one layer that reads the flag.
"""


class Dense:
    """A fully connected layer: z = a_prev W + b, with W of shape (fan_in, fan_out) and b of (fan_out,)."""

    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, a_prev, training=False):  # z = a_prev W + b
        self.a_prev = a_prev
        return a_prev @ self.W + self.b

    def backward(self, dz):  # the three lines of the chain rule
        self.dW = self.a_prev.T @ dz / len(dz)
        self.db = dz.mean(axis=0)
        return dz @ self.W.T  # da_prev


class Activation:
    """An activation layer: a = f(z), elementwise (f with any parameters fixed: leaky_relu's alpha)."""

    def __init__(self, f):
        self.f = f

    def forward(self, z, training=False):  # a = f(z)
        self.z = z
        return self.f(z)

    def backward(self, da):
        return da * self.f.grad(self.z)  # f'(z), never f'(a)


class PReLU:
    """PReLU's activation layer (He et al. 2015): a = f(z, alpha), its negative slope alpha learned."""

    def __init__(self, f, alpha):
        self.f, self.alpha = f, alpha  # alpha: one slope for the layer, or one a unit

    def forward(self, z, training=False):
        self.z = z
        return self.f(z, alpha=self.alpha)

    def backward(self, da):
        dalpha = (da * self.f.grad_alpha(self.z, self.alpha)).mean(axis=0)  # averaged over the batch
        self.dalpha = dalpha if self.alpha.size > 1 else dalpha.sum(keepdims=True)  # one slope: every unit
        return da * self.f.grad(self.z, alpha=self.alpha)


class Residual:
    """A skip connection around a block: a = a_prev + block(a_prev) (He et al. 2016)."""

    def __init__(self, block):
        self.block = block

    def forward(self, a_prev, training=False):
        return a_prev + self.block.forward(a_prev, training)

    def backward(self, da):
        return self.block.backward(da) + da  # the skip passes the gradient through unchanged


class Sequential:
    """Layers run one after another: forward in order, backward in reverse."""

    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, x, training=False):
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def backward(self, dx):
        for layer in reversed(self.layers):
            dx = layer.backward(dx)
        return dx
