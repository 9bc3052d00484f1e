"""Shared parts of Alchemist's SLM trainers: the JSON-lines progress protocol, the chat data, the LoRA training loop.

Protocol (stdout, one JSON object a line, key "event"):
  start      {backend, model, device, params_trainable, params_total, train_examples, eval_examples}
  step       {step, loss, tokens_per_s, lr}
  eval       {step, eval_loss}
  generation {index, text}
  done       {step, train_loss, eval_loss, adapter_dir, seconds}
  error      {message, code}
Anything else a library prints goes to stderr, so stdout stays machine-readable.
"""

import json
import math
import os
import random
import sys
import time

PROTOCOL_VERSION = 1
_STDOUT = sys.stdout


def emit(event, **fields):
    """Writes one protocol line and flushes it (the parent reads progress as it happens)."""
    fields["event"] = event
    fields["v"] = PROTOCOL_VERSION
    _STDOUT.write(json.dumps(fields, allow_nan=False, default=str) + "\n")
    _STDOUT.flush()


def quiet_stdout():
    """Sends library prints (tqdm, warnings) to stderr: only protocol lines go to stdout."""
    sys.stdout = sys.stderr


def fail(message, code="TRAINER_FAILED"):
    emit("error", message=str(message)[:2000], code=code)
    sys.exit(1)


def load_config():
    if len(sys.argv) != 2:
        fail("usage: <script> <config.json>", "BAD_CONFIG")
    with open(sys.argv[1], "r", encoding="utf-8") as f:
        return json.load(f)


def read_jsonl(path):
    records = []
    if not path or not os.path.exists(path):
        return records
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    return records


# Plain chat markup for models without a chat template (and the tiny model): the Ollama Modelfile
# written by export/slm uses the same markers, so the exported model sees what it was trained on.
SYSTEM_TAG = "<|system|>\n"
USER_TAG = "<|user|>\n"
ASSISTANT_TAG = "<|assistant|>\n"
END_TAG = "\n"


def split_messages(record):
    """(prompt messages, assistant answer) of one record: the last assistant message is the target."""
    messages = record["messages"]
    last = len(messages) - 1
    while last >= 0 and messages[last]["role"] != "assistant":
        last -= 1
    if last < 0:
        raise ValueError("a record has no assistant message")
    return messages[:last], messages[last]["content"]


def plain_prompt(messages):
    out = []
    for m in messages:
        tag = SYSTEM_TAG if m["role"] == "system" else USER_TAG if m["role"] == "user" else ASSISTANT_TAG
        out.append(tag + m["content"] + END_TAG)
    out.append(ASSISTANT_TAG)
    return "".join(out)


def pick_device(torch, wanted):
    if wanted and wanted != "auto":
        return wanted
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def make_batches(examples, batch_size, rng):
    """An endless stream of shuffled batches (epochs back to back)."""
    order = list(range(len(examples)))
    while True:
        rng.shuffle(order)
        for i in range(0, len(order), batch_size):
            yield [examples[j] for j in order[i : i + batch_size]]


def collate(torch, batch, pad_id, device):
    """Right-padded ids and labels (-100 where no loss: prompt and padding)."""
    width = max(len(ids) for ids, _ in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for r, (seq, mask) in enumerate(batch):
        ids[r, : len(seq)] = torch.tensor(seq, dtype=torch.long)
        lab = torch.tensor([t if m else -100 for t, m in zip(seq, mask)], dtype=torch.long)
        labels[r, : len(seq)] = lab
    return ids.to(device), labels.to(device)


def train_loop(torch, cfg, model, loss_of, train, evals, device, pad_id, params):
    """Runs `steps` AdamW steps on `params`, emitting step/eval lines; returns (last train loss, last eval loss, step)."""
    steps = int(cfg.get("steps", 60))
    batch_size = int(cfg.get("batch_size", 8))
    eval_every = max(1, int(cfg.get("eval_every", 10)))
    eval_batches = int(cfg.get("eval_batches", 4))
    lr = float(cfg.get("lr", 3e-3))
    warmup = max(1, int(cfg.get("warmup_steps", min(10, steps // 10 + 1))))
    rng = random.Random(int(cfg.get("seed", 0)))
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    # Linear warm-up, then cosine decay to 10% of the peak rate.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (s + 1) / warmup
        if s < warmup
        else 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (s - warmup) / max(1, steps - warmup))),
    )
    stream = make_batches(train, batch_size, rng)
    eval_set = [evals[i : i + batch_size] for i in range(0, min(len(evals), eval_batches * batch_size), batch_size)]

    def eval_loss():
        if not eval_set:
            return None
        model.eval()
        total, n = 0.0, 0
        with torch.no_grad():
            for batch in eval_set:
                ids, labels = collate(torch, batch, pad_id, device)
                total += float(loss_of(ids, labels))
                n += 1
        model.train()
        return total / n

    model.train()
    last_loss, last_eval = None, None
    smoothed = None
    for step in range(1, steps + 1):
        batch = next(stream)
        t0 = time.perf_counter()
        ids, labels = collate(torch, batch, pad_id, device)
        loss = loss_of(ids, labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        value = float(loss.detach())
        if not math.isfinite(value):
            fail(f"the loss became {value} at step {step}: lower the learning rate", "NON_FINITE_LOSS")
        dt = max(time.perf_counter() - t0, 1e-9)
        tokens = int((labels != -100).sum()) if hasattr(labels, "sum") else 0
        smoothed = value if smoothed is None else 0.9 * smoothed + 0.1 * value
        last_loss = value
        emit("step", step=step, loss=value, tokens_per_s=tokens / dt, lr=sched.get_last_lr()[0])
        if step % eval_every == 0 or step == steps:
            last_eval = eval_loss()
            if last_eval is not None:
                emit("eval", step=step, eval_loss=last_eval)
    return last_loss, last_eval, steps


def count_params(model):
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable, total
