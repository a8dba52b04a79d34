"""Run-time cost of each approach in compare_iqra_models.py: ms per message and peak RSS of a
fresh process that holds only what the approach needs to judge (the kit, the encoder, the heads).

    taskset -c 0 /tmp/venv/bin/python benchmarks/compare_inference.py --approach a|b|c|d|d8|e \
        [--saved DIR] [--messages 1000]

One message at a time, as the live path judges: the kit's analysis (every approach needs it:
its signals are features and its findings are vetoed), the encoder and all 14 heads. One
thread (OMP_NUM_THREADS=1, onnxruntime and torch set to one). DIR holds what
``compare_iqra_models.py --save DIR`` and ``compare_finetune.py --out DIR`` wrote; (a) uses
the shipped model. Prints p50 / p99 ms of wall
clock and of the thread's CPU time (on a loaded machine the wall clock's p99 is mostly waiting
for a core), peak RSS (Linux ru_maxrss) and which libraries ran.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from iqra_training_data import corpus
from train_iqra_model import CORPUS

from civility.plugins.iqra.learned import IqraModel, analyse
from civility.testing import make_message


def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-v))


def judge_fn(approach: str, saved: Path, max_length: int = 48) -> Callable[[str], np.ndarray]:
    if approach == "a":
        model = IqraModel.default()

        def judge_a(text: str) -> np.ndarray:
            return np.array(list(model.proba(analyse(make_message(text), {})).values()))
        return judge_a
    if approach in ("b", "c", "e"):
        heads = np.load(saved / f"heads-{approach}.npz")
        w, b, pa, pb = heads["w"], heads["b"], heads["pa"], heads["pb"]
    if approach in ("b", "e"):
        from model2vec import StaticModel

        folder = saved / "m2v-minilm-256"  # compare_iqra_models.py keeps it in --cache
        if not folder.is_dir():
            folder = saved.parent / folder.name
        m2v = StaticModel.from_pretrained(str(folder))

        def embed(text: str) -> np.ndarray:
            return np.asarray(m2v.encode([text]), dtype=np.float32)[0]
    if approach == "c":
        import torch
        from compare_iqra_models import minilm_path
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        st = SentenceTransformer(minilm_path(), device="cpu")

        def embed(text: str) -> np.ndarray:
            return np.asarray(st.encode([text]), dtype=np.float32)[0]
    if approach in ("b", "c"):
        vocab = json.loads((saved / f"kit-{approach}.json").read_text())
        dims = w.shape[0] - len(vocab)

        def judge_dense(text: str) -> np.ndarray:
            analysis = analyse(make_message(text), {})
            z = embed(text) @ w[:dims] + b
            for f in set(analysis.extra):
                j = vocab.get(f)
                if j is not None:
                    z += w[dims + j]
            return sigmoid(pa * z + pb)
        return judge_dense
    if approach == "e":
        sparse_rows = IqraModel.default()  # only for its hashing of the features
        n = 1 << sparse_rows.model.bits

        def judge_e(text: str) -> np.ndarray:
            analysis = analyse(make_message(text), {})
            idx, _ = sparse_rows.rows(analysis)
            z = w[idx].sum(0) / np.sqrt(max(len(idx), 1)) + embed(text) @ w[n:] + b
            return sigmoid(pa * z + pb)
        return judge_e
    if approach in ("d", "d8"):
        from compare_finetune import OnnxScorer

        name = "minilm-iqra-int8.onnx" if approach == "d8" else "minilm-iqra.onnx"
        scorer = OnnxScorer(saved / name, saved / "tokenizer.json", max_length)

        def judge_d(text: str) -> np.ndarray:
            analyse(make_message(text), {})  # its findings are vetoed, as for every approach
            return sigmoid(scorer.logits([text])[0])
        return judge_d
    raise ValueError(approach)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--approach", choices=["a", "b", "c", "d", "d8", "e"], required=True)
    ap.add_argument("--saved", type=Path, default=Path("/tmp/civility-compare/saved"))
    ap.add_argument("--messages", type=int, default=1000)
    ap.add_argument("--max-length", type=int, default=48, help="(d) as it was fine-tuned")
    args = ap.parse_args()
    texts = [r.text for r in corpus(CORPUS, "dev")][: args.messages + 50]
    judge = judge_fn(args.approach, args.saved, args.max_length)
    for t in texts[:50]:
        judge(t)
    times, cpu = [], []
    for t in texts[50:]:
        s, c = time.perf_counter(), time.thread_time()
        judge(t)
        cpu.append((time.thread_time() - c) * 1000)
        times.append((time.perf_counter() - s) * 1000)
    times.sort()
    cpu.sort()
    libs = [m for m in ("torch", "onnxruntime", "model2vec", "tokenizers", "sklearn", "scipy")
            if m in sys.modules]
    print(json.dumps({"approach": args.approach, "messages": len(times),
                      "ms_p50": round(times[len(times) // 2], 3),
                      "ms_p99": round(times[int(len(times) * 0.99) - 1], 3),
                      "cpu_ms_p50": round(cpu[len(cpu) // 2], 3),
                      "cpu_ms_p99": round(cpu[int(len(cpu) * 0.99) - 1], 3),
                      "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "libraries": ["numpy", *libs]}))


if __name__ == "__main__":
    main()
