# hpcmaint — Slurm-native node maintenance and self-healing.
# The two commands a newcomer runs (as root on Debian 12): `make demo` and `make test`.

DOTNET      ?= dotnet
CONFIG      ?= Release
DIST        ?= dist
VERSION     := $(strip $(file < packaging/VERSION))
EXECUTABLES := $(DIST)/hpcmaint $(DIST)/hpcmaint-health $(DIST)/hpcmaint-reboot
# What the executables are built from (tests/HpcMaint.Integration.Tests/Executables/Executables.cs
# refuses a dist/ older than these): when none is newer than dist/, make publish does nothing.
SOURCES     := $(shell find src -path '*/bin' -prune -o -path '*/obj' -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print) \
               Directory.Build.props Directory.Build.targets Directory.Packages.props packaging/VERSION packaging/executables.slnf
PACKAGES    := $(DIST)/hpcmaint_$(VERSION)_amd64.deb $(DIST)/hpcmaint-$(VERSION)-1.x86_64.rpm
PACKAGED    := $(EXECUTABLES) $(wildcard packaging/*.sh packaging/files/* packaging/deb/* packaging/rpm/* packaging/man/* packaging/systemd/*) \
               slurm/hpcmaint.toml slurm/hpcmaint-prolog-slurmctld slurm/slurm.conf.hpcmaint slurm/README.md README.md

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build test publish aot packages bench demo clean

all: build

build:
	$(DOTNET) build HpcMaint.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

## Unit + integration tests on a real Slurm test cluster (installs slurm-wlm and munge when missing).
test:
	bash tests/run-tests.sh

## Native AOT linux-x64 executables in dist/ (one dotnet publish; nothing to do when dist/ is up to date).
publish: $(EXECUTABLES)
aot: publish

$(EXECUTABLES) &: $(SOURCES)
	bash packaging/publish.sh $(DIST)

## hpcmaint_<version>_amd64.deb and hpcmaint-<version>-1.x86_64.rpm in dist/.
packages: $(PACKAGES)

$(PACKAGES) &: $(PACKAGED)
	bash packaging/build-packages.sh $(DIST)

## Start-up time, peak memory and hostlist figures (against scontrol on the same input).
bench: publish
	bash tests/bench/run-bench.sh $(DIST)

## A local test cluster with hpcmaint wired in as RebootProgram/HealthCheckProgram, a narrated scenario
## (SLURM=24.11 or SLURM=26.05: on that Slurm release; the default is the host's, 22.05).
demo: publish
	$(if $(SLURM),HPCMAINT_SLURM=$(SLURM)) bash tests/demo/demo.sh $(DIST)

clean:
	rm -rf $(DIST)
	$(DOTNET) clean HpcMaint.sln -nologo -v q
