# hpcmaint — Slurm-native node maintenance and self-healing.
# The two commands a newcomer runs (as root on Debian 12): `make demo` and `make test`.

DOTNET      ?= dotnet
CONFIG      ?= Release
DIST        ?= dist
EXECUTABLES := HpcMaint.Cli HpcMaint.Health HpcMaint.Reboot

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build test unit integration publish aot bench demo clean

all: build

build:
	$(DOTNET) build HpcMaint.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

## Unit + integration tests on a real Slurm test cluster (installs slurm-wlm and munge when missing).
test:
	bash tests/run-tests.sh

## Self-contained, trimmed, single-file linux-x64 executables in dist/.
publish:
	@mkdir -p $(DIST)
	@for p in $(EXECUTABLES); do \
	  $(DOTNET) publish src/$$p/$$p.csproj -c $(CONFIG) -o $(DIST) -p:DebugType=none -p:DebugSymbols=false -nologo -clp:ErrorsOnly || exit 1; \
	done
	@ls -l $(DIST)

## Native AOT where the ILCompiler runtime pack restores; says so and stops where it does not.
aot:
	bash packaging/publish-aot.sh $(DIST)

## Start-up time, peak memory and hostlist figures (against scontrol on the same input).
bench: publish
	bash tests/bench/run-bench.sh $(DIST)

## A local test cluster with hpcmaint wired in as RebootProgram/HealthCheckProgram, a narrated scenario.
demo: publish
	bash tests/demo/demo.sh $(DIST)

clean:
	rm -rf $(DIST)
	$(DOTNET) clean HpcMaint.sln -nologo -v q
