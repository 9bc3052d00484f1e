"""Hugging Face parts shared by the torch and Unsloth trainers: chat encoding, loss, generation, saving."""

import os

from alchemist_slm_common import plain_prompt, split_messages


def _prompt_text(tok, prompt):
    if getattr(tok, "chat_template", None):
        return tok.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
    return plain_prompt(prompt)


def encode_hf(tok, record, max_len):
    """(ids, loss mask): the loss covers the answer and its end token only."""
    prompt, answer = split_messages(record)
    p = tok(_prompt_text(tok, prompt), add_special_tokens=False)["input_ids"]
    a = tok(answer, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
    p = p[-max(1, max_len - len(a)) :]
    seq = (p + a)[:max_len]
    mask = ([False] * len(p) + [True] * len(a))[:max_len]
    return seq, mask


def hf_loss(model):
    import torch.nn.functional as F

    def loss_of(ids, labels):
        logits = model(input_ids=ids[:, :-1]).logits
        return F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]).float(), labels[:, 1:].reshape(-1), ignore_index=-100
        )

    return loss_of


def generate_hf(model, tok, record, max_new, device):
    import torch

    prompt, _ = split_messages(record)
    ids = tok(_prompt_text(tok, prompt), add_special_tokens=False, return_tensors="pt")["input_ids"].to(device)
    model.eval()
    with torch.no_grad():
        out = model.generate(input_ids=ids, max_new_tokens=max_new, do_sample=False, pad_token_id=tok.pad_token_id)
    return tok.decode(out[0, ids.shape[1] :], skip_special_tokens=True)


def save_hf(model, tok, cfg):
    """Saves the LoRA adapter; with `merge`, also the merged model (what llama.cpp's converter reads)."""
    adapter_dir = os.path.join(cfg["out_dir"], "adapter")
    model.save_pretrained(adapter_dir)
    tok.save_pretrained(adapter_dir)
    if cfg.get("merge"):
        merged_dir = os.path.join(cfg["out_dir"], "merged")
        merged = model.merge_and_unload()
        merged.save_pretrained(merged_dir)
        tok.save_pretrained(merged_dir)
    return adapter_dir
