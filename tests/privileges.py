"""Run the real CLI where file permissions apply, even when the tests run as root.

Root reads a chmod 000 file through two capabilities (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH). As root, the child process drops both from its
capability bounding set before it starts Python, so it is still root (it
can reach the interpreter under /root and owns the test's files) but the
permission bits of the files apply to it as to any user. As another user,
the CLI simply runs. Where neither works, the test is skipped with the reason.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PR_CAPBSET_DROP = 24
DAC_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _drop_permission_bypass() -> None:  # runs in the child between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in DAC_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _run(args: list[str], timeout: float, permissions: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    preexec = _drop_permission_bypass if permissions and os.geteuid() == 0 else None
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout, env=env,
                          preexec_fn=preexec)


def permissions_apply(probe_dir: Path) -> None:
    """Skip the test (saying why) when a chmod 000 file would still be readable to the CLI."""
    probe = probe_dir / ".probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        result = _run(["-c", f"open({str(probe)!r}).read()"], timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot start a process without the permission bypass of root: {exc}")
    finally:
        probe.chmod(0o600)
        probe.unlink()
    if result.returncode == 0:
        pytest.skip("file permissions do not apply to this user (root with the DAC capabilities kept)")


def kpss(*args: str, timeout: float = 300, permissions: bool = True) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` in a child process; with `permissions`, one where file
    permissions apply (see above). `timeout` only stops a run that hangs."""
    return _run(["-m", "pipeline", *args], timeout=timeout, permissions=permissions)


def python(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -c CODE` in a child process (with this checkout first on the path)."""
    return _run(["-c", code], timeout=timeout, permissions=False)
