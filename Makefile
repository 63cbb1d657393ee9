# Ingens for Linux 6.12: the front door. Each target is one line of intent; the work is in scripts/.
# Newcomers need two: `make run` and `make test`.

SHELL := /bin/bash
S := scripts
KOUT_NO_INGENS := build/kbuild-no-ingens
KOUT_DEBUG := build/kbuild-debug
KOUT_FEATURES := build/kbuild-features

.PHONY: help deps kernel-src export-patches checkpatch kernel kernel-no-ingens check-no-ingens check-newest-source \
	check-debian-config deb test-deb kernel-features test-features selftests \
	tools tools-test install bench-build initramfs initramfs-vm run run-vmhost bench soak test test-guest test-vm kernel-debug test-debug test-lowmem clean

help:                   ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 24

deps:                   ## install the Debian packages the project needs (idempotent; quiet when nothing is missing)
	@$(S)/deps.sh

kernel-src: deps        ## build/linux: pristine Debian 6.12 source (the pinned .deb, fetched) + patches/series as git commits
	$(S)/kernel-src.sh

export-patches:         ## write build/linux's commits back to patches/
	$(S)/export-patches.sh

checkpatch: kernel-src  ## every patch passes checkpatch.pl --strict without errors or warnings
	$(S)/checkpatch.sh

check-series: kernel    ## every patch builds on its own (compiles what each can affect; ~20 min)
	$(S)/check-series.sh

kernel: kernel-src      ## the guest kernel with Ingens and KVM, a host for nested VMs (build/kbuild)
	$(S)/build-kernel.sh guest.config ingens.config kvm-host.config

kernel-no-ingens: kernel-src ## the guest kernel with CONFIG_INGENS=n (build/kbuild-no-ingens)
	KOUT=$(CURDIR)/$(KOUT_NO_INGENS) $(S)/build-kernel.sh guest.config no-ingens.config

check-no-ingens: kernel-src ## compile the C files the series hooks into with CONFIG_INGENS=n
	$(S)/check-no-ingens.sh

check-newest-source: kernel-src ## the series applies to the newest linux-source-6.12 in Debian's archive
	$(S)/check-newest-source.sh

check-debian-config: kernel-src ## compile mm/ingens/ and every file the series hooks under Debian's full 6.12 config
	$(S)/check-debian-config.sh

deb: kernel-src         ## Debian packages: kernel, ingensctl, ingens-bench (DEB_CONFIG=debian|cloud|lean; docs/host.md)
	$(S)/build-deb.sh $(or $(DEB_CONFIG),debian)

test-deb: kernel-src    ## the lean packages installed into a scratch root with dpkg, booted in QEMU, checked as on a host
	$(S)/build-deb.sh lean && $(S)/test-deb.sh

selftests: kernel       ## the mm selftests the guest runs, static
	$(S)/build-selftests.sh

tools: deps             ## ingensctl for the host (build/ingensctl) and static for the guest
	$(S)/build-tools.sh

tools-test: tools       ## ingensctl unit tests (ctest)
	ctest --test-dir build/ingensctl --output-on-failure -j$(shell nproc)

install: tools          ## install ingensctl, its man page and bash completion (PREFIX=/usr/local, DESTDIR)
	DESTDIR=$(DESTDIR) cmake --install build/ingensctl --prefix $(or $(PREFIX),/usr/local)

bench-build:            ## the benchmark workloads, static (build/bench)
	$(S)/build-bench.sh

initramfs: selftests tools bench-build ## the guest's initramfs (build/initramfs.cpio.gz)
	$(S)/build-initramfs.sh

initramfs-vm: kernel initramfs ## the initramfs plus QEMU and the nested VMs' kernel and image (build/initramfs-vm.cpio.gz)
	$(S)/build-vm-image.sh

run: kernel initramfs   ## boot the guest, show Ingens alive, and give a shell (exit powers off)
	$(S)/boot-guest.sh shell

run-vmhost: kernel initramfs-vm ## the same, as a VM host: QEMU and /ingens/vm-lib.sh in the guest (docs/vm-host.md)
	INITRAMFS=$(CURDIR)/build/initramfs-vm.cpio.gz $(S)/boot-guest.sh shell

test-guest: kernel initramfs ## boot two guests side by side and run every in-guest suite (GUESTS=1: one)
	GUESTS=$(or $(GUESTS),2) $(S)/test-guest.sh ingens,ingensctl,upstream,leaks

test-vm: kernel initramfs-vm ## boot a guest as a VM host and run the vm suite: two nested VMs, KSM, a balloon (docs/vm-host.md)
	INITRAMFS=$(CURDIR)/build/initramfs-vm.cpio.gz $(S)/test-guest.sh vm,leaks

test-lowmem: kernel initramfs ## boot a 384 MiB guest and run a working set larger than it, stock then Ingens
	MEM=384M $(S)/test-guest.sh lowmem

kernel-features: kernel-src ## the guest kernel plus what real kernels have: ACPI, NUMA, memory hotplug (build/kbuild-features)
	KOUT=$(CURDIR)/$(KOUT_FEATURES) $(S)/build-kernel.sh guest.config features.config ingens.config kvm-host.config

test-features: kernel-features initramfs ## 2 NUMA nodes, ZONE_MOVABLE, mTHP, shmem THP, hugetlb: features, ingens and upstream suites
	KOUT=$(CURDIR)/$(KOUT_FEATURES) MEM=3G NUMA=2 GUESTS=2 \
		APPEND="movablecore=1G hugepages=128 thp_anon=16K,64K:always;2M:inherit ingens_features=1" \
		$(S)/test-guest.sh features,ingens,upstream,leaks

kernel-debug: kernel-src   ## the guest kernel with KASAN, lockdep, DEBUG_VM and kmemleak (build/kbuild-debug)
	KOUT=$(CURDIR)/$(KOUT_DEBUG) $(S)/build-kernel.sh guest.config ingens.config debug.config

test-debug: kernel-debug initramfs ## every in-guest suite on the debug kernel, split over two guests; any splat fails it
	KOUT=$(CURDIR)/$(KOUT_DEBUG) TIMEOUT=14400 APPEND=ingens_timeout_scale=4 GUESTS=2 \
		$(S)/test-guest.sh ingens,ingensctl,upstream,leaks

soak: $(if $(DEBUG),kernel-debug,kernel) initramfs ## the stress test for DURATION seconds (default 1800), SEED= replays, DEBUG=1 on the debug kernel
	$(if $(DEBUG),KOUT=$(CURDIR)/$(KOUT_DEBUG)) $(S)/soak.sh $(or $(DURATION),1800) $(SEED)

bench: kernel initramfs-vm  ## Ingens vs stock Linux in one guest boot (BENCH=quick|full, BENCH_SIZE_MB=, BENCH_WORKLOADS="...", BENCH_POLICIES="...", BENCH_REPS=, BENCH_PROCS=, BENCH_STAGGER_S=, BENCH_MADVISE=1, BENCH_VM_MB=, BENCH_VM_WARM=)
	$(S)/bench.sh $(or $(BENCH),quick)

test: deps              ## everything CI checks; prints "N passed, N failed" last
	$(S)/test.sh

clean:                  ## remove build outputs except the kernel tree and ccache
	rm -rf build/kbuild build/kbuild-no-ingens build/kbuild-debug build/selftests build/initramfs* build/ingensctl* build/logs build/bench build/bench-build build/bench-smoke build/vm-part
