"""Alchemist SLM trainer, PyTorch backend: LoRA on CPU, CUDA or MPS.

With `base_model` set and transformers + peft importable, fine-tunes that model (local files only:
nothing is downloaded). Without a base model, fine-tunes a tiny randomly initialised causal
transformer with a byte-level tokenizer and LoRA adapters written in plain torch: a pipeline check
that needs nothing but torch, not a quality claim. Usage: train_torch.py <config.json>
"""

import json
import math
import os
import sys
import time

from alchemist_slm_common import (
    collate,
    count_params,
    emit,
    fail,
    load_config,
    pick_device,
    plain_prompt,
    quiet_stdout,
    read_jsonl,
    split_messages,
    train_loop,
)

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except Exception as e:  # noqa: BLE001 - any import failure means the same thing to the caller
    fail(f"PyTorch is not importable ({e}); install it: apt-get install python3-torch, or pip install torch", "MISSING_DEPENDENCY")

# Byte-level vocabulary: 256 bytes, then the special tokens.
EOS_ID = 256
PAD_ID = 257
TINY_VOCAB = 258


class LoraLinear(nn.Module):
    """y = W x + (alpha / r) B A x, with W frozen; B starts at zero so training starts from the base."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = alpha / rank

    def forward(self, x):
        return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, 4 * d)
        self.fc2 = nn.Linear(4 * d, d)

    def forward(self, x, mask):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        hd = d // self.heads
        q = q.view(b, t, self.heads, hd).transpose(1, 2)
        k = k.view(b, t, self.heads, hd).transpose(1, 2)
        v = v.view(b, t, self.heads, hd).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
        att = att.masked_fill(mask[:, :, :t, :t] == 0, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, d)
        x = x + self.proj(y)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class TinyLM(nn.Module):
    """A small GPT-style causal LM; its weights are random (seeded), only the LoRA adapters learn."""

    def __init__(self, vocab, d, layers, heads, max_len):
        super().__init__()
        self.max_len = max_len
        self.embed = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(max_len, d)
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        self.register_buffer("mask", torch.tril(torch.ones(max_len, max_len)).view(1, 1, max_len, max_len))

    def forward(self, ids):
        t = ids.shape[1]
        x = self.embed(ids) + self.pos(torch.arange(t, device=ids.device))[None]
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.head(self.ln(x))


LORA_TARGETS = ("qkv", "proj", "fc1", "fc2")


def add_lora(model, rank, alpha):
    for p in model.parameters():
        p.requires_grad_(False)
    for blk in model.blocks:
        for name in LORA_TARGETS:
            setattr(blk, name, LoraLinear(getattr(blk, name), rank, alpha))
    model.head = LoraLinear(model.head, rank, alpha)


def encode_tiny(record, max_len):
    prompt, answer = split_messages(record)
    p = list(plain_prompt(prompt).encode("utf-8"))
    a = list(answer.encode("utf-8")) + [EOS_ID]
    # Keep the answer: cut the prompt from the left when the pair is too long.
    keep_prompt = max(1, max_len - len(a))
    p = p[-keep_prompt:]
    seq = (p + a)[:max_len]
    mask = ([False] * len(p) + [True] * len(a))[:max_len]
    # Next-token shift happens in the loss: a token's label is the next token.
    return seq, mask


def tiny_loss(model):
    def loss_of(ids, labels):
        logits = model(ids[:, :-1])
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1), ignore_index=-100)

    return loss_of


def generate_tiny(model, record, max_len, max_new, device):
    prompt, _ = split_messages(record)
    ids = list(plain_prompt(prompt).encode("utf-8"))[-(max_len - max_new) :]
    out = []
    model.eval()
    with torch.no_grad():
        for _ in range(max_new):
            x = torch.tensor([ids[-max_len:]], dtype=torch.long, device=device)
            nxt = int(model(x)[0, -1].argmax())
            if nxt == EOS_ID or nxt >= 256:
                break
            ids.append(nxt)
            out.append(nxt)
    return bytes(out).decode("utf-8", errors="replace")


def run_tiny(cfg, train_rows, eval_rows, device):
    tiny = cfg.get("tiny", {})
    d = int(tiny.get("d_model", 64))
    layers = int(tiny.get("layers", 2))
    heads = int(tiny.get("heads", 4))
    max_len = int(cfg.get("max_seq_len", 192))
    rank = int(cfg.get("lora_rank", 8))
    alpha = float(cfg.get("lora_alpha", 16))
    torch.manual_seed(int(cfg.get("seed", 0)))
    model = TinyLM(TINY_VOCAB, d, layers, heads, max_len)
    add_lora(model, rank, alpha)
    model.to(device)
    train = [encode_tiny(r, max_len) for r in train_rows]
    evals = [encode_tiny(r, max_len) for r in eval_rows]
    trainable, total = count_params(model)
    emit(
        "start",
        backend="torch",
        model="tiny-random",
        device=device,
        params_trainable=trainable,
        params_total=total,
        train_examples=len(train),
        eval_examples=len(evals),
    )
    params = [p for p in model.parameters() if p.requires_grad]
    cfg.setdefault("lr", 3e-3)
    last, last_eval, step = train_loop(torch, cfg, model, tiny_loss(model), train, evals, device, PAD_ID, params)
    adapter_dir = os.path.join(cfg["out_dir"], "adapter")
    os.makedirs(adapter_dir, exist_ok=True)
    lora = {k: v.detach().cpu() for k, v in model.state_dict().items() if "lora_" in k}
    torch.save(lora, os.path.join(adapter_dir, "adapter_model.pt"))
    with open(os.path.join(adapter_dir, "adapter_config.json"), "w", encoding="utf-8") as f:
        # The base is random but seeded: the seed and shape rebuild it exactly.
        json.dump(
            {
                "kind": "alchemist-tiny-lora",
                "base": {"kind": "random-init", "seed": int(cfg.get("seed", 0)), "vocab": TINY_VOCAB,
                         "d_model": d, "layers": layers, "heads": heads, "max_seq_len": max_len},
                "lora": {"rank": rank, "alpha": alpha, "targets": list(LORA_TARGETS) + ["head"]},
                "tokenizer": "bytes+eos+pad",
            },
            f,
            indent=2,
        )
    for i, r in enumerate(eval_rows[: int(cfg.get("generate", 8))]):
        emit("generation", index=i, text=generate_tiny(model, r, max_len, int(cfg.get("max_new_tokens", 64)), device))
    return last, last_eval, step, adapter_dir


def run_hf(cfg, train_rows, eval_rows, device):
    try:
        import transformers  # noqa: F401
        from peft import LoraConfig, get_peft_model
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except Exception as e:  # noqa: BLE001
        fail(f"a base model needs transformers and peft ({e}); pip install transformers peft", "MISSING_DEPENDENCY")
    base = cfg["base_model"]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(base, local_files_only=True)
    except Exception as e:  # noqa: BLE001
        fail(f"cannot load base model '{base}' from local files ({e}); nothing is downloaded at run time", "MODEL_NOT_FOUND")
    from hf_chat import encode_hf, generate_hf, hf_loss, save_hf

    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    lora = LoraConfig(r=int(cfg.get("lora_rank", 8)), lora_alpha=float(cfg.get("lora_alpha", 16)),
                      lora_dropout=0.0, task_type="CAUSAL_LM")
    model = get_peft_model(model, lora)
    model.to(device)
    max_len = int(cfg.get("max_seq_len", 512))
    train = [encode_hf(tok, r, max_len) for r in train_rows]
    evals = [encode_hf(tok, r, max_len) for r in eval_rows]
    trainable, total = count_params(model)
    emit("start", backend="torch", model=base, device=device, params_trainable=trainable,
         params_total=total, train_examples=len(train), eval_examples=len(evals))
    params = [p for p in model.parameters() if p.requires_grad]
    cfg.setdefault("lr", 2e-4)
    last, last_eval, step = train_loop(torch, cfg, model, hf_loss(model), train, evals, device, tok.pad_token_id, params)
    adapter_dir = save_hf(model, tok, cfg)
    for i, r in enumerate(eval_rows[: int(cfg.get("generate", 8))]):
        emit("generation", index=i, text=generate_hf(model, tok, r, int(cfg.get("max_new_tokens", 64)), device))
    return last, last_eval, step, adapter_dir


def main():
    cfg = load_config()
    quiet_stdout()
    t0 = time.time()
    threads = cfg.get("threads")
    if threads:
        torch.set_num_threads(int(threads))
    device = pick_device(torch, cfg.get("device", "auto"))
    train_rows = read_jsonl(cfg["train_file"])
    eval_rows = read_jsonl(cfg.get("eval_file"))
    if not train_rows:
        fail("the training file holds no records", "NO_TRAINING_DATA")
    runner = run_hf if cfg.get("base_model") else run_tiny
    last, last_eval, step, adapter_dir = runner(cfg, train_rows, eval_rows, device)
    emit("done", step=step, train_loss=last, eval_loss=last_eval, adapter_dir=adapter_dir,
         seconds=time.time() - t0)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - reported through the protocol, never a bare traceback
        import traceback

        traceback.print_exc(file=sys.stderr)
        fail(f"{type(e).__name__}: {e}")
