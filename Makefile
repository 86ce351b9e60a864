# Civreg — quick start:
#   make run    install what is missing, build, start the app on a demo office
#   make test   install what is missing, build, run every test
#   make test-modern  the same on Debian 13's libraries (SQLCipher 4.6.1,
#               GTK 4.18, libadwaita 1.7) in a chroot made once per machine
#   make fuzz   run every fuzz target for FUZZ_SECONDS (docs/security.md, "Fuzzing")
#
# Debian 12 packages are installed by name with apt-get, only when missing.

SHELL := /bin/bash
BUILD ?= _build
TEST_BUILD ?= _build-test
DEMO_DIR ?= $(CURDIR)/_demo
SHARED_DATA ?= $(abspath $(CURDIR)/../shared/data)
MODERN_BUILD ?= _build-modern

# Build and runtime packages (GTK 4.8, libadwaita 1.2, SQLCipher 3.4.1, libgcrypt 1.10).
PACKAGES := \
	meson ninja-build pkg-config gcc \
	libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin \
	libgtk-4-dev libadwaita-1-dev libjson-glib-dev \
	libsqlcipher-dev sqlcipher libgcrypt20-dev libicu-dev \
	libcurl4-openssl-dev libsoup-3.0-dev glib-networking openssl libgnutls28-dev \
	gettext desktop-file-utils appstream python3 \
	xvfb xauth dbus dbus-x11 adwaita-icon-theme fonts-noto-cjk locales \
	clang-format poppler-utils imagemagick libpoppler-glib-dev libtiff-dev

# The counter's devices (issue 13): GStreamer for the camera (v4l2src, the
# test source, appsink, JPEG), SANE for scanners (its `test` backend gives the
# tests a real device), the kernel's serial ports for the ID-card reader.
PACKAGES += \
	libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev \
	gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
	libsane-dev libsane1

# Host packages of `make test-modern` (it makes a Debian 13 chroot).
MODERN_HOST_PACKAGES := mmdebstrap

# Fuzzing (make fuzz only): clang 14 and its libFuzzer/sanitizer runtimes.
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_BUILD ?= _build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz-marriage-input fuzz-adoption-input fuzz-divisions fuzz-holidays fuzz-keyslots \
	fuzz-report-replies fuzz-enroll fuzz-card-frame fuzz-backfill-csv fuzz-tiff \
	fuzz-funeral-fees fuzz-funeral-waiver fuzz-funeral-scope fuzz-funeral-report fuzz-funeral-quantity \
	fuzz-numbers-reply

.PHONY: all deps fuzz-deps build run test test-build test-modern crash-test race-test fuzz demo screenshots clean format

all: build

# Installs the packages named in $(1) that dpkg does not already have;
# apt-get update once when needed.
define install-missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install-missing,$(PACKAGES))
	@if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$$'; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen; \
	  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $$SUDO tee -a /etc/locale.gen >/dev/null; \
	  $$SUDO locale-gen >/dev/null; \
	fi

# The same, for the fuzzing packages.
fuzz-deps:
	$(call install-missing,$(FUZZ_PACKAGES))

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# The demo office lives inside the build tree, never in the user's data.
demo: build
	@tools/make-demo.sh "$(BUILD)" "$(DEMO_DIR)" "$(SHARED_DATA)"

# The reference provincial server runs on loopback while the app runs
# (tools/run-demo.sh), so the demo office reports for real.
run: demo
	@echo "Demo office: $(DEMO_DIR) — log in as in README.md (Demo accounts)."
	LANGUAGE=zh_CN LANG=zh_CN.UTF-8 CIVREG_LOCALEDIR=$(CURDIR)/$(BUILD)/po \
	  GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/resources \
	  tools/run-demo.sh "$(BUILD)" "$(DEMO_DIR)" "$(SHARED_DATA)"

# Tests run in their own build with AddressSanitizer and UBSan, under Xvfb
# with a session bus (GTK 4.8 aborts without one).
$(TEST_BUILD)/build.ninja: | deps
	meson setup $(TEST_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

test-build: deps $(TEST_BUILD)/build.ninja
	ninja -C $(TEST_BUILD)

test: test-build
	@rm -f $(TEST_BUILD)/meson-logs/testlog.json
	@set +e; \
	dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
	  meson test -C $(TEST_BUILD) --print-errorlogs --num-processes 2 --no-suite modern $(TESTARGS); \
	status=$$?; \
	python3 tests/summary.py $(TEST_BUILD)/meson-logs/testlog.json; \
	summary=$$?; \
	[ $$status -eq 0 ] && [ $$summary -eq 0 ]

# The crash loop (issue 12): kill -9 at random points of registration,
# divorce issuance and delivery, CRASH_ROUNDS times, checking the office
# after each kill (tests/app/report/test-report-crash.c). `make test` runs
# the same test with 10 kills.
CRASH_ROUNDS ?= 220
crash-test: test-build
	CIVREG_CRASH_ROUNDS=$(CRASH_ROUNDS) meson test -C $(TEST_BUILD) --print-errorlogs \
	  --timeout-multiplier 20 --verbose test-report-crash

# Races (tests/race/civ-slow-threads.c): every test of the plain build with
# each job off the main thread started late (RACE_TASK_MS before a GTask
# thread job, RACE_QUEUE_MS after the database worker or the scanner takes a
# job), so a test that reads a result before waiting for it fails every time
# instead of by chance. Not the sanitizer build: ASan must be loaded first.
RACE_TASK_MS ?= 200
RACE_QUEUE_MS ?= 100
race-test: build
	@set +e; \
	dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
	  env LD_PRELOAD=$(CURDIR)/$(BUILD)/tests/race/civ-slow-threads.so \
	  CIVREG_SLOW_TASK_MS=$(RACE_TASK_MS) CIVREG_SLOW_QUEUE_MS=$(RACE_QUEUE_MS) \
	  meson test -C $(BUILD) --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
	  --no-suite modern --no-suite fuzz --no-suite packaging $(TESTARGS)

# The whole tree built and tested in a Debian 13 chroot (tools/modern-chroot.sh:
# made once per machine in /var/cache/civreg from the same PACKAGES), then the
# suite 'modern': an office written by each SQLCipher generation opens in the
# other (the Debian 12 side is $(TEST_BUILD)). Ends with one summary of both.
# MODERN_OPTIONAL=1 (CI): a chroot that cannot be made (no network) is
# reported as skipped tests instead of failing.
test-modern: test-build
	$(call install-missing,$(MODERN_HOST_PACKAGES))
	@set +e; \
	start=$$SECONDS; \
	tools/modern-chroot.sh ensure $(PACKAGES); \
	if [ $$? -ne 0 ]; then \
	  echo "test-modern: SKIPPED: the Debian 13 chroot could not be made (see above)," \
	       "so nothing ran on Debian 13's libraries; counted as skipped: the cases of $(TEST_BUILD)"; \
	  python3 tests/summary.py --as-skipped $(TEST_BUILD)/meson-logs/testlog.json; \
	  [ "$(MODERN_OPTIONAL)" = 1 ]; exit $$?; \
	fi; \
	echo "test-modern: chroot ready in $$((SECONDS - start)) s"; \
	nice -n 10 tools/modern-chroot.sh run $(CURDIR) tools/modern-build-test.sh $(MODERN_BUILD) $(TESTARGS); \
	status=$$?; \
	rm -f $(TEST_BUILD)/meson-logs/modern.json; \
	CIVREG_MODERN_CLI=$(CURDIR)/$(MODERN_BUILD)/app/cli/civreg-cli \
	  nice -n 10 tools/modern-chroot.sh mounted $(CURDIR) \
	  meson test -C $(TEST_BUILD) --print-errorlogs --suite modern --logbase modern; \
	cross=$$?; \
	python3 tests/summary.py $(MODERN_BUILD)/meson-logs/testlog.json $(TEST_BUILD)/meson-logs/modern.json; \
	summary=$$?; \
	[ $$status -eq 0 ] && [ $$cross -eq 0 ] && [ $$summary -eq 0 ]

# Every parser of outside bytes under libFuzzer for FUZZ_SECONDS each
# (docs/security.md, "Fuzzing"). New inputs and findings stay in
# $(FUZZ_BUILD)/fuzz-out, never in the tree; `make test` replays the seed
# corpus in tests/fuzz/corpus with gcc.
$(FUZZ_BUILD)/build.ninja: | deps fuzz-deps
	CC=clang-14 meson setup $(FUZZ_BUILD) --buildtype=debugoptimized -Dui=false -Dfuzzing=true \
	  -Db_sanitize=address,undefined -Db_lundef=false

fuzz: deps fuzz-deps $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD) $(addprefix tests/fuzz/,$(FUZZ_TARGETS))
	tools/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(MODERN_BUILD) $(FUZZ_BUILD) $(DEMO_DIR)
