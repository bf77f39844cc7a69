# Gongkai: `make run` serves the demo on SQLite, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Absolute links (feeds, sitemap, exports, the printed login) follow the port unless SITE_URL is set.
SITE_URL ?= http://127.0.0.1:$(PORT)
# pytest-xdist workers for `make test`: one per core, at most 4 (each has its own test database and cache);
# TEST_WORKERS=0 runs the suite in one process. Tests that must not run beside each other share a
# @pytest.mark.xdist_group("name"): --dist loadgroup sends a group to one worker, the rest to whichever is free.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: run test install lint format bench clean reset-demo

$(BIN)/gongkai: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/gongkai

run: install
	$(BIN)/gongkai migrate --no-input
	SITE_URL=$(SITE_URL) $(BIN)/gongkai load-demo
	SITE_URL=$(SITE_URL) $(BIN)/gongkai serve --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

# The demo database and job queue start afresh; uploaded files stay.
reset-demo: install
	rm -f var/gongkai.sqlite3 var/gongkai.sqlite3-wal var/gongkai.sqlite3-shm var/huey.sqlite3*
	$(BIN)/gongkai migrate --no-input
	SITE_URL=$(SITE_URL) $(BIN)/gongkai load-demo

clean:
	rm -rf $(VENV) var *.egg-info
