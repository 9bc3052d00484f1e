"""Alchemist SLM trainer, Unsloth backend: LoRA or QLoRA (4-bit) fine-tuning on an NVIDIA GPU.

Loads `base_model` from local files through Unsloth's FastLanguageModel, then runs the same training
loop and progress protocol as the torch backend. Usage: train_unsloth.py <config.json>
"""

import os
import sys
import time

from alchemist_slm_common import count_params, emit, fail, load_config, quiet_stdout, read_jsonl, train_loop


def main():
    cfg = load_config()
    quiet_stdout()
    t0 = time.time()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        from unsloth import FastLanguageModel
    except Exception as e:  # noqa: BLE001
        fail(f"Unsloth is not importable ({e}); pip install unsloth (needs an NVIDIA GPU with CUDA)", "MISSING_DEPENDENCY")
    if not torch.cuda.is_available():
        fail("Unsloth needs CUDA, and torch sees no CUDA device", "NO_CUDA")
    base = cfg.get("base_model")
    if not base:
        fail("the Unsloth backend needs a base model (--base-model)", "BAD_CONFIG")
    from hf_chat import encode_hf, generate_hf, hf_loss, save_hf

    max_len = int(cfg.get("max_seq_len", 512))
    try:
        model, tok = FastLanguageModel.from_pretrained(
            model_name=base, max_seq_length=max_len, load_in_4bit=bool(cfg.get("qlora", True)), local_files_only=True
        )
    except Exception as e:  # noqa: BLE001
        fail(f"cannot load base model '{base}' from local files ({e}); nothing is downloaded at run time", "MODEL_NOT_FOUND")
    model = FastLanguageModel.get_peft_model(
        model,
        r=int(cfg.get("lora_rank", 16)),
        lora_alpha=int(cfg.get("lora_alpha", 16)),
        lora_dropout=0,
        target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        random_state=int(cfg.get("seed", 0)),
    )
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    train_rows = read_jsonl(cfg["train_file"])
    eval_rows = read_jsonl(cfg.get("eval_file"))
    if not train_rows:
        fail("the training file holds no records", "NO_TRAINING_DATA")
    train = [encode_hf(tok, r, max_len) for r in train_rows]
    evals = [encode_hf(tok, r, max_len) for r in eval_rows]
    trainable, total = count_params(model)
    emit("start", backend="unsloth", model=base, device="cuda", params_trainable=trainable,
         params_total=total, train_examples=len(train), eval_examples=len(evals))
    params = [p for p in model.parameters() if p.requires_grad]
    cfg.setdefault("lr", 2e-4)
    last, last_eval, step = train_loop(torch, cfg, model, hf_loss(model), train, evals, "cuda", tok.pad_token_id, params)
    adapter_dir = save_hf(model, tok, cfg)
    FastLanguageModel.for_inference(model)
    for i, r in enumerate(eval_rows[: int(cfg.get("generate", 8))]):
        emit("generation", index=i, text=generate_hf(model, tok, r, int(cfg.get("max_new_tokens", 64)), "cuda"))
    emit("done", step=step, train_loss=last, eval_loss=last_eval, adapter_dir=adapter_dir, seconds=time.time() - t0)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001
        import traceback

        traceback.print_exc(file=sys.stderr)
        fail(f"{type(e).__name__}: {e}")
