"""Executes a Jupyter notebook with nbclient and writes it with its outputs.

Run by org.ncl.kernel.NotebookExecutor:
    python3 execute_notebook.py KERNEL_NAME CELL_TIMEOUT_SECONDS NOTEBOOK OUTPUT
The notebook runs in its own directory, as in Jupyter. Consecutive stream outputs of one cell are merged (as
JupyterLab shows them), cells get stable ids where they have none, and no timing metadata is recorded, so that
the output changes only where the results do. OUTPUT is written only when every cell ran; exit code 1 when a cell
failed (its source and the kernel's report on standard error), 3 when the kernel died or timed out.
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def merged_streams(outputs):
    merged = []
    for out in outputs:
        if (out.get("output_type") == "stream" and merged
                and merged[-1].get("output_type") == "stream" and merged[-1].get("name") == out.get("name")):
            merged[-1]["text"] += out["text"]
        else:
            merged.append(out)
    return merged


def main(argv):
    if len(argv) != 5:
        print("usage: execute_notebook.py KERNEL_NAME CELL_TIMEOUT_SECONDS NOTEBOOK OUTPUT", file=sys.stderr)
        return 2
    kernel, timeout, source, target = argv[1], int(argv[2]), argv[3], argv[4]
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("nbformat") != 4:
        print("%s: not a notebook of nbformat 4" % source, file=sys.stderr)
        return 2
    for i, cell in enumerate(data.get("cells", [])):
        cell.setdefault("id", "cell-%d" % (i + 1))
    data["nbformat_minor"] = max(5, data.get("nbformat_minor", 0))
    nb = nbformat.reads(json.dumps(data), as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=120,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        print("%s: a cell failed:\n%s" % (source, e), file=sys.stderr)
        return 1
    except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as e:
        print("%s: %s: %s" % (source, type(e).__name__, e), file=sys.stderr)
        return 3
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
    tmp = target + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
