"""``make run``'s Ctrl+C: bin/run-local stops the web server, worker and beat within seconds,
even one that ignores TERM, and leaves none of their children behind.

The whole script needs a migrated database and three slow-starting processes; this tests
its shutdown helper (bin/proses.sh) on stand-in process groups of the same shapes.
"""

import subprocess
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]

SKRIP = r"""
set -u
source bin/proses.sh
set -m
# Like a worker stuck at "beat: Shutting down": ignores TERM, has a child.
bash -c 'trap "" TERM; sleep 60 & wait' &
macet=$!
# Like the worker: on TERM stops its pool children and exits.
bash -c 'sleep 60 & a=$!; sleep 60 & b=$!; trap "kill $a $b; exit" TERM; wait' &
patuh=$!
# Like runserver: its autoreloader child outlives the parent's TERM (removed by KILL).
bash -c 'sleep 60 & wait' &
web=$!
sleep 0.5
echo "GRUP $macet $patuh $web"
hentikan_grup 2 "$web" "$patuh" "$macet"
echo "SELESAI"
"""


def _hidup_di_grup(grup: set[int]) -> list[str]:
    """Processes (not zombies) whose process group is one of ``grup`` (Linux /proc)."""
    hidup = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            teks = stat.read_text()
        except OSError:
            continue
        nama_akhir = teks.rindex(")")
        kolom = teks[nama_akhir + 2 :].split()
        status, pgrp = kolom[0], int(kolom[2])
        if pgrp in grup and status != "Z":
            hidup.append(teks[: nama_akhir + 1])
    return hidup


def test_the_shutdown_helper_stops_every_group_within_its_grace_period():
    mulai = time.monotonic()
    hasil = subprocess.run(
        ["bash", "-c", SKRIP], cwd=AKAR, capture_output=True, text=True, timeout=30
    )
    lama = time.monotonic() - mulai
    assert "SELESAI" in hasil.stdout, hasil.stderr
    grup = {int(g) for g in hasil.stdout.split("GRUP ")[1].split("\n")[0].split()}
    # 2 s grace, then KILL: well under the 60 s the stand-ins would live.
    assert lama < 6, lama
    # The stuck one needed KILL, and was named; the others stopped on TERM.
    macet = hasil.stdout.split("GRUP ")[1].split()[0]
    assert f"Proses {macet} tidak berhenti" in hasil.stderr
    assert hasil.stderr.count("dihentikan paksa") == 1, hasil.stderr
    time.sleep(0.3)
    assert _hidup_di_grup(grup) == []


def test_the_helper_returns_at_once_when_everything_stops_on_term():
    skrip = (
        "source bin/proses.sh; set -m; sleep 60 & a=$!; bash -c 'sleep 60 & wait' & b=$!; "
        "sleep 0.3; hentikan_grup 10 $a $b; echo SELESAI"
    )
    mulai = time.monotonic()
    hasil = subprocess.run(["bash", "-c", skrip], cwd=AKAR, capture_output=True, text=True)
    assert "SELESAI" in hasil.stdout and hasil.stderr == ""
    assert time.monotonic() - mulai < 3  # not the 10 s grace period


def test_run_local_uses_the_helper_and_a_separate_beat():
    skrip = (AKAR / "bin/run-local").read_text()
    assert subprocess.run(["bash", "-n", str(AKAR / "bin/run-local")]).returncode == 0
    perintah = "\n".join(b for b in skrip.splitlines() if not b.lstrip().startswith("#"))
    assert "set -m" in perintah and 'hentikan_grup 10 "$web" "$worker" "$beat"' in perintah
    assert "--beat" not in perintah and "puskesmas beat" in perintah
