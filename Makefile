# Entry points for people: `make run` and `make test` set up a fresh Debian 12
# machine (as root), build and then run the app or every test.

PRESET ?= default
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: run test build deps clean bench soak

deps:
	@sh packaging/install-deps.sh

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET) -j $(JOBS)

# Starts the console when a display exists, the headless gateway otherwise.
# Extra arguments go through ARGS, e.g. make run ARGS="--upstream http://127.0.0.1:11434".
run: build
	sh packaging/run-app.sh $(BUILD_DIR)/app/soulfra-gateway $(ARGS)

test: build
	sh tests/run-tests.sh $(BUILD_DIR)

# Benchmarks against nginx and a direct connection; see docs/benchmarks.md.
bench: deps
	sh bench/run-bench.sh

# Ten minutes of load with resident memory sampled; SOAK_SECONDS shortens it.
soak: deps
	sh bench/soak.sh

clean:
	rm -rf build
