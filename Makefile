# UNATE-Java. `make setup && make reproduce` regenerates the results; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN      ?= mvn -B -ntp
JAVA     ?= java
PY       ?= /usr/bin/python3
JUPYTER  ?= /usr/bin/jupyter
JAR      := target/unate.jar
CP       := $(JAR):target/lib/*
# The project's kernelspec lives inside the project; Jupyter finds it through JUPYTER_PATH.
export JUPYTER_PATH := $(CURDIR)/environment/share/jupyter
# TensorFlow's native INFO lines (oneDNN, CPU features) are noise in logs; warnings still show.
export TF_CPP_MIN_LOG_LEVEL ?= 1
KERNEL_JSON := environment/share/jupyter/kernels/java/kernel.json

.PHONY: help setup apt apt-peers apt-browser build kernel data test test-java test-notebooks test-all test-browser \
        reproduce jupyter bench clean notebooks-full notebooks-commit sweep-quick sweeps probes summarize figures

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: apt build kernel data ## install Debian packages, build the jar and the kernel, resolve the data

apt: ## install the Debian packages of environment/apt-packages.txt that are missing
	@scripts/apt-ensure.sh environment/apt-packages.txt

apt-peers: ## install the extra packages the PyTorch benchmarks need
	@scripts/apt-ensure.sh environment/apt-packages.txt environment/apt-peers.txt

apt-browser: ## install the extra packages the browser test needs (Chromium, chromedriver, Selenium)
	@scripts/apt-ensure.sh environment/apt-packages.txt environment/apt-browser.txt

build: ## compile and package target/unate.jar (runtime jars in target/lib)
	$(MVN) -q package -DskipTests

# Rebuilt when a source or resource under src/main, or the pom, is newer than the jar (a stale jar would make
# `make figures` and the notebooks run old code).
$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) -q package -DskipTests

kernel: $(JAR) ## install the Java kernelspec under environment/share/jupyter
	$(JAVA) -cp "$(CP)" org.unate.kernel.KernelMain --install environment

data: $(JAR) ## resolve data/datasets.json into data/raw (mirror: UNATE_DATA_MIRROR or ../shared/data)
	$(JAVA) -jar $(JAR) data

test: setup test-java test-notebooks ## unit tests, then every notebook executed headless at CI scale
	@$(PY) scripts/test-summary.py

test-java: ## mvn test (tests tagged slow are excluded)
	$(MVN) test

test-all: setup apt-browser ## every test, slow ones included, and the browser test
	$(MVN) test -Dsurefire.excludedGroups=
	rm -rf build/runs/*-ci
	UNATE_SCALE=ci $(PY) scripts/run-notebooks.py
	$(PY) scripts/browser-test.py

test-browser: apt-browser kernel ## open a notebook served by `make jupyter` in headless Chromium, run a cell, wait for its chart
	$(PY) scripts/browser-test.py

test-notebooks: ## execute notebooks/*.ipynb at CI scale (from scratch: no training state is resumed) and check the outputs
	rm -rf build/runs/*-ci
	UNATE_SCALE=ci $(PY) scripts/run-notebooks.py

SCALE ?= quick
reproduce: setup ## the main job: pretraining, the four sweeps and their report at SCALE=quick (~1 h) or paper; resumable
	scripts/reproduce.sh $(SCALE)

notebooks-full: $(JAR) ## every notebook executed at full scale into build/notebooks/full (22 min here beside a sweep: notebook 02 took 20 of them)
	UNATE_SCALE=full $(PY) scripts/run-notebooks.py --timeout 0

notebooks-commit: $(JAR) ## execute every notebook at full scale and write it back with its outputs (what is committed)
	UNATE_SCALE=full $(PY) scripts/run-notebooks.py --timeout 0 --commit

sweep-quick: $(JAR) ## the MBJ sweep alone at quick scale (its own stand-in UNATE table) into build/sweeps/mbj-cgcnn-quick
	$(JAVA) -jar $(JAR) sweep --config experiments/mbj-cgcnn.json --scale quick --out build/sweeps/mbj-cgcnn-quick

sweeps: $(JAR) ## the committed sweeps at paper scale (hours; needs results/pretrained/cgcnn-d128); resumable
	$(JAVA) -jar $(JAR) sweep --config experiments/mbj-cgcnn.json --scale paper --out results/sweeps/mbj-cgcnn
	$(JAVA) -jar $(JAR) sweep --config experiments/eform-cgcnn.json --scale paper --out results/sweeps/eform-cgcnn

probes: $(JAR) ## the GNN-free probe of every catalogue table, both properties, at paper scale
	$(JAVA) -jar $(JAR) sweep --config experiments/probe-catalogue-mbj.json --scale paper --out results/sweeps/probe-catalogue-mbj
	$(JAVA) -jar $(JAR) sweep --config experiments/probe-catalogue-eform.json --scale paper --out results/sweeps/probe-catalogue-eform

summarize: $(JAR) ## headline tables of every sweep under results/sweeps (printed; CSV and Markdown beside the records)
	for d in results/sweeps/*/; do [ -d "$$d/records" ] && $(JAVA) -jar $(JAR) summarize --results $$d --ranked; done; true

figures: $(JAR) ## every table and figure of the study from the result files under results/ into reports/ (reports/README.md lists them)
	$(JAVA) -jar $(JAR) report --results results --out reports
	$(PY) scripts/readme-headline.py

bench: build apt-peers ## graph and training benchmarks next to the Python peers (docs/benchmarks.md)
	$(JAVA) -jar $(JAR) bench graphs --limit 2000 --threads 2
	scripts/nn-benchmark.sh 2 -- --data data/raw/jarvis-dft3d-2021/jarvis-dft3d-2021.jsonl.gz --featurizer table:cgcnn-92

# The Notebook server refuses to run as root unless told to; the README's setup runs as root.
JUPYTER_ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# The folder the server shows. Port and token: Jupyter's own JUPYTER_PORT (default 8888, next free one if taken) and
# JUPYTER_TOKEN (default: a new random token, printed in the URL) from the environment.
JUPYTER_DIR ?= notebooks

jupyter: kernel ## start Jupyter on 127.0.0.1 with the project's kernel; prints the URL with its token (UNATE_SCALE=ci: fast notebooks)
	@scale="$${UNATE_SCALE:-full}"; case "$${scale,,}" in ci|full) echo "notebooks run at UNATE_SCALE=$$scale";; \
	  *) echo "error: UNATE_SCALE must be ci or full, got '$$UNATE_SCALE'" >&2; exit 2;; esac
	cd $(JUPYTER_DIR) && exec $(JUPYTER) notebook --ip=127.0.0.1 --no-browser $(JUPYTER_ALLOW_ROOT)

clean: ## remove build outputs (keeps data/raw and the graph cache)
	$(MVN) -q clean
	rm -rf build environment/share
