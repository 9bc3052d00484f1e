"""Alchemist SLM trainer, MLX backend (Apple Silicon): runs `mlx_lm lora` and translates its log to the protocol.

mlx_lm reads a data folder with train.jsonl / valid.jsonl of {"messages": [...]} records, which is
what Alchemist writes. Its progress lines ("Iter 10: Train loss 2.345, ..., Tokens/sec 812.3, ..." and
"Iter 10: Val loss 2.101, ...") become step and eval events. Usage: train_mlx.py <config.json>
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from alchemist_slm_common import emit, fail, load_config, read_jsonl, split_messages

TRAIN_RE = re.compile(r"Iter (\d+): Train loss ([0-9.eE+-]+).*?Tokens/sec ([0-9.eE+-]+)")
VAL_RE = re.compile(r"Iter (\d+): Val loss ([0-9.eE+-]+)")


def main():
    cfg = load_config()
    t0 = time.time()
    try:
        import mlx_lm  # noqa: F401
    except Exception as e:  # noqa: BLE001
        fail(f"mlx_lm is not importable ({e}); pip install mlx-lm (Apple Silicon only)", "MISSING_DEPENDENCY")
    base = cfg.get("base_model")
    if not base:
        fail("the MLX backend needs a base model (--base-model, a local folder)", "BAD_CONFIG")
    train_rows = read_jsonl(cfg["train_file"])
    eval_rows = read_jsonl(cfg.get("eval_file"))
    if not train_rows:
        fail("the training file holds no records", "NO_TRAINING_DATA")
    data = tempfile.mkdtemp(prefix="alchemist-mlx-")
    shutil.copyfile(cfg["train_file"], os.path.join(data, "train.jsonl"))
    # mlx_lm wants a validation file; without held-out records it validates on the training set.
    shutil.copyfile(cfg.get("eval_file") if eval_rows else cfg["train_file"], os.path.join(data, "valid.jsonl"))
    adapter_dir = os.path.join(cfg["out_dir"], "adapter")
    steps = int(cfg.get("steps", 100))
    cmd = [
        sys.executable, "-m", "mlx_lm", "lora", "--model", base, "--train", "--data", data,
        "--iters", str(steps), "--batch-size", str(int(cfg.get("batch_size", 4))),
        "--learning-rate", str(float(cfg.get("lr", 1e-5))), "--adapter-path", adapter_dir,
        "--steps-per-report", "1", "--steps-per-eval", str(int(cfg.get("eval_every", 10))),
        "--seed", str(int(cfg.get("seed", 0))), "--max-seq-length", str(int(cfg.get("max_seq_len", 512))),
    ]
    emit("start", backend="mlx", model=base, device="mps", params_trainable=None, params_total=None,
         train_examples=len(train_rows), eval_examples=len(eval_rows))
    last, last_eval = None, None
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    for line in proc.stdout:
        sys.stderr.write(line)
        m = TRAIN_RE.search(line)
        if m:
            last = float(m.group(2))
            emit("step", step=int(m.group(1)), loss=last, tokens_per_s=float(m.group(3)), lr=None)
            continue
        m = VAL_RE.search(line)
        if m and eval_rows:
            last_eval = float(m.group(2))
            emit("eval", step=int(m.group(1)), eval_loss=last_eval)
    if proc.wait() != 0:
        fail(f"mlx_lm lora exited with status {proc.returncode} (its log is on stderr)")
    if eval_rows:
        try:
            from mlx_lm import generate, load

            model, tok = load(base, adapter_path=adapter_dir)
            for i, r in enumerate(eval_rows[: int(cfg.get("generate", 8))]):
                prompt, _ = split_messages(r)
                text = tok.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
                emit("generation", index=i, text=generate(model, tok, prompt=text, max_tokens=int(cfg.get("max_new_tokens", 64))))
        except Exception as e:  # noqa: BLE001 - generation is a bonus; the adapter is already saved
            sys.stderr.write(f"generation skipped: {e}\n")
    shutil.rmtree(data, ignore_errors=True)
    emit("done", step=steps, train_loss=last, eval_loss=last_eval, adapter_dir=adapter_dir, seconds=time.time() - t0)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001
        fail(f"{type(e).__name__}: {e}")
