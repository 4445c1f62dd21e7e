# Two commands do everything on a fresh machine:
#   make run   virtualenv, install, migrate, demo data, web server + Celery worker and beat
#   make test  the same install plus what the tests need, then the whole suite
# (make mutation: mutation testing of the pure rule modules, see docs/testing.md)
# (make backup / make restore FILE=...: the database and media files, see README "Backups")
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# System packages: Chromium for the browser tests; Pango and fonts for WeasyPrint PDFs.
SYSTEM_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils

.PHONY: run test install system-deps lint bench mutation backup restore clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	-@$(MAKE) --no-print-directory system-deps || echo "Tanpa paket sistem: ekspor PDF tidak tersedia."
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	bin/run-local

# One pytest worker per core (TEST_JOBS=1 for a single process); see docs/testing.md.
TEST_JOBS ?= auto
test: install system-deps
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup --durations=25

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# BENCH_CEPAT=1: a small scale and 10 s load levels (under 2 minutes); see benchmarks/README.md.
bench: install
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m benchmarks.run

# Mutation testing of the pure rule modules (docs/testing.md); not part of `make test`.
# Starts from a clean mutants/ so the scores are those of the code as it is now.
mutation: install
	$(PY) -m pip install --quiet -e '.[test,mutation]'
	rm -rf mutants
	$(PY) bin/mutation

# One archive (cadangan/cadangan-<UTC time>.tar.gz): pg_dump custom format (SQLite: its
# backup API), the media files and a manifest of row counts and checksums (docs/reliability.md).
backup: install
	$(PY) manage.py cadangkan

# Into an empty database and media folder (migrate nothing first); checks the manifest after.
restore:
	@test -n "$(FILE)" || { echo "Pakai: make restore FILE=cadangan/cadangan-....tar.gz"; exit 2; }
	@$(MAKE) --no-print-directory install
	$(PY) manage.py pulihkan "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles .celery .test-media mutants
