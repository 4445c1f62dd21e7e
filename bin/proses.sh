# Sourced by bin/run-local: stop background process groups, politely then firmly.
#
# hentikan_grup SECONDS PID...  Each PID must lead its own process group (start the jobs
# with `set -m`). Sends TERM to each leader, waits up to SECONDS for them to exit, then
# KILLs whatever is left in the groups (a leader stuck in shutdown, or children it left
# behind). TERM goes to the leader only: a Celery worker shuts its own pool down, and
# killing the pool under it is what made it hang. Must run in the shell that started the
# jobs, so that `wait` reaps them.

hentikan_grup() {
  local batas=$1
  shift
  local g
  for g in "$@"; do kill -TERM "$g" 2>/dev/null || true; done
  # A watchdog ends the wait below after the grace period.
  (
    sleep "$batas"
    # Name the stuck leaders first: the first KILL may end the wait, and this watchdog.
    for g in "$@"; do
      if kill -0 "$g" 2>/dev/null; then
        echo "Proses $g tidak berhenti dalam $batas detik: dihentikan paksa." >&2
      fi
    done
    for g in "$@"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  ) &
  local penjaga=$!
  wait "$@" 2>/dev/null || true
  kill -- "-$penjaga" 2>/dev/null || kill "$penjaga" 2>/dev/null || true
  wait "$penjaga" 2>/dev/null || true
  # Leaders are gone; nothing of their groups may outlive them.
  for g in "$@"; do kill -KILL -- "-$g" 2>/dev/null || true; done
}
