"""Alchemist SLM trainer detection: prints one JSON object saying what this Python can train with."""

import importlib.util
import json
import platform
import sys


def has(name):
    try:
        return importlib.util.find_spec(name) is not None
    except Exception:  # noqa: BLE001
        return False


def main():
    out = {
        "python": sys.executable,
        "python_version": platform.python_version(),
        "platform": sys.platform,
        "machine": platform.machine(),
        "torch": None,
        "cuda": False,
        "mps": False,
        "transformers": has("transformers"),
        "peft": has("peft"),
        "unsloth": has("unsloth"),
        "mlx_lm": has("mlx_lm"),
    }
    if has("torch"):
        try:
            import torch

            out["torch"] = torch.__version__
            out["cuda"] = bool(torch.cuda.is_available())
            mps = getattr(torch.backends, "mps", None)
            out["mps"] = bool(mps is not None and mps.is_available())
        except Exception as e:  # noqa: BLE001
            out["torch_error"] = str(e)[:500]
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
