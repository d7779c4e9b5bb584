"""Time every experiment as a notebook calls it; print a markdown table (best of 3 runs, seconds).

OpenBLAS runs even small matrix products on several threads, which is slow when the cores are busy with
other work; so the table also times each call in a child process with OPENBLAS_NUM_THREADS=1.
"""

import json
import os
import subprocess
import sys
import time

from actlearn import experiments as ex

CALLS = {
    "train: 1,000 points, one hidden layer of 64, 300 epochs": (
        # 1,334 * 0.75 = 1,000 training points
        lambda: ex.train("spiral", "relu", depth=1, width=64, epochs=300, n_samples=1334),
        1.0,
    ),
    "train: spiral defaults (400 points, 16-16 relu, 300 Adam epochs)": (lambda: ex.train(), 3.0),
    "gradient_flow: tanh, depth 50, width 64 (one slider move)": (
        lambda: ex.gradient_flow("tanh", depth=50),
        0.15,
    ),
    "gradient_flow: relu, depth 30, width 256": (lambda: ex.gradient_flow("relu", depth=30, width=256), 3.0),
    "linear_collapse()": (lambda: ex.linear_collapse(), 3.0),
    "race: relu, tanh, sigmoid, gelu x 5 seeds (its default)": (
        lambda: ex.race(["relu", "tanh", "sigmoid", "gelu"]),
        3.0,
    ),
    "dying_relu()": (lambda: ex.dying_relu(), 3.0),
    f"cost_per_element(): 8 activations, {ex.COST_SIZE:,} float64 x {ex.COST_REPEATS} repeats": (
        lambda: ex.cost_per_element(),
        3.0,
    ),
}


def best_times(repeats=3):
    """Return the best wall time and the best CPU time of each call, in seconds."""
    times = {}
    for label, (call, _) in CALLS.items():
        call()  # warm up imports and caches
        wall = cpu = float("inf")
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        times[label] = (wall, cpu)
    return times


if __name__ == "__main__" and sys.argv[1:] == ["--json"]:
    print(json.dumps(best_times()))
elif __name__ == "__main__":
    here = best_times()
    child = subprocess.run(
        [sys.executable, __file__, "--json"],
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    single = json.loads(child.stdout)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load}; OPENBLAS_NUM_THREADS in this process: {threads}")
    print("Best of 3. With one thread, CPU time is the work itself, whatever else the machine is doing.\n")
    print("| experiment call | budget (s) | wall (s) | wall, 1 BLAS thread (s) | CPU, 1 BLAS thread (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, (_, budget) in CALLS.items():
        wall_1, cpu_1 = single[label]
        print(f"| {label} | {budget:g} | {here[label][0]:.3f} | {wall_1:.3f} | {cpu_1:.3f} |")
