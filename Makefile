# SLT-portal: the two commands a new developer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
UV := $(VENV)/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# Front-end packages vendored into slt_portal/static/vendor (no Node at run time).
DS_CSS_VERSION := 1.22.0
DS_THEME_VERSION := 1.11.0
HTMX_VERSION := 2.0.11
INTER_VERSION := 5.3.0
AXE_VERSION := 4.11.0

.PHONY: setup run test check lint vendor messages compilemessages clean-var bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

setup: $(VENV)/bin/python  ## Install the locked dependencies into .venv
	$(UV) sync --frozen --quiet

run: setup  ## Set up and run web + worker + beat with demo data (embedded PostgreSQL/Redis by default)
	$(MANAGE) serve --demo

test: setup  ## Set up and run the whole test suite
	$(VENV)/bin/pytest --create-db -n 2 -m "not e2e" $(PYTEST_ARGS)
	$(VENV)/bin/pytest --create-db -m e2e -p no:xdist $(PYTEST_ARGS)

check: setup  ## The static checks CI runs
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) spectacular --file /tmp/slt-openapi.yaml --validate --fail-on-warn
	diff -u openapi.yaml /tmp/slt-openapi.yaml

bench: setup  ## Benchmarks on generated national data (see README); BENCH_ARGS passes options
	$(PY) bench/run.py $(BENCH_ARGS)

schema: setup  ## Regenerate the committed OpenAPI schema
	$(MANAGE) spectacular --file openapi.yaml --validate --fail-on-warn

messages: setup  ## Extract UI strings into locale/{nb,nn,en}; fill English; report gaps
	$(MANAGE) makemessages -l nb -l nn -l en --ignore=.venv --ignore=var --ignore=tests --no-obsolete
	$(MANAGE) translations --fill-en || true

compilemessages: setup  ## Compile the catalogues (the .mo files are committed)
	$(MANAGE) compilemessages --ignore=.venv --ignore=var

vendor:  ## Re-vendor Designsystemet, htmx, Inter and axe-core from the npm registry
	set -euo pipefail; tmp=$$(mktemp -d); cd $$tmp; \
	npm pack --silent @digdir/designsystemet-css@$(DS_CSS_VERSION) @digdir/designsystemet-theme@$(DS_THEME_VERSION) \
	  htmx.org@$(HTMX_VERSION) @fontsource/inter@$(INTER_VERSION) axe-core@$(AXE_VERSION) >/dev/null; \
	for f in *.tgz; do mkdir -p "$${f%.tgz}"; tar xzf "$$f" -C "$${f%.tgz}"; done; \
	dest=$(CURDIR)/slt_portal/static/vendor; rm -rf $$dest; mkdir -p $$dest/designsystemet $$dest/htmx $$dest/inter $$dest/axe; \
	cp digdir-designsystemet-css-*/package/dist/src/index.css $$dest/designsystemet/designsystemet.css; \
	cp digdir-designsystemet-css-*/package/LICENSE $$dest/designsystemet/LICENSE-css; \
	cp digdir-designsystemet-theme-*/package/brand/digdir.css $$dest/designsystemet/theme-digdir.css; \
	cp digdir-designsystemet-theme-*/package/LICENSE $$dest/designsystemet/LICENSE-theme; \
	cp htmx.org-*/package/dist/htmx.min.js htmx.org-*/package/LICENSE $$dest/htmx/; \
	cp fontsource-inter-*/package/files/inter-latin-{400,600,700}-normal.woff{,2} fontsource-inter-*/package/LICENSE $$dest/inter/; \
	cp axe-core-*/package/axe.min.js axe-core-*/package/LICENSE $$dest/axe/; \
	printf 'designsystemet-css %s\ndesignsystemet-theme %s\nhtmx.org %s\n@fontsource/inter %s\naxe-core %s\n' \
	  $(DS_CSS_VERSION) $(DS_THEME_VERSION) $(HTMX_VERSION) $(INTER_VERSION) $(AXE_VERSION) > $$dest/VERSIONS; \
	rm -rf $$tmp

clean-var:  ## Stop nothing, delete the embedded databases' data (asks first)
	@read -p "Delete var/ (embedded PostgreSQL and Redis data)? [y/N] " a; [ "$$a" = y ] && rm -rf var
