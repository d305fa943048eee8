# fuzz/diff/diff.mk — `make fuzz-diff`: the differential campaign against V8
# (included by fuzz/fuzz.mk; the driver's rule is in tests/diff/diff.mk).
#
#   make fuzz-diff [FUZZ_SECONDS=3600] [FUZZ_DIFF_SEED=1000000] [FUZZ_DIFF_BATCH=500]
#   DIFF_SIMD=1 make fuzz-diff ...       the same with SIMD in the modules
#
# Differences land in $(BUILD)/fuzz/diff-found (modules, their batch lines,
# the differing lines).  Seeds are deterministic: rerunning with the same
# FUZZ_DIFF_SEED makes the same modules; start elsewhere for new ones.
FUZZ_DIFF_SEED ?= 1000000
FUZZ_DIFF_BATCH ?= 500
FUZZ_DIFF_SECONDS ?= $(if $(filter file undefined,$(origin FUZZ_SECONDS)),3600,$(FUZZ_SECONDS))

fuzz-diff: $(BUILD)/tests/diff/diffrun
	@command -v node >/dev/null || { echo "fuzz-diff needs node (apt-get install nodejs)"; exit 1; }
	fuzz/diff/campaign.sh $(BUILD)/tests/diff/diffrun $(FUZZ_DIFF_SECONDS) $(FUZZ_DIFF_SEED) \
	    $(BUILD)/fuzz/diff-found $(FUZZ_DIFF_BATCH)

.PHONY: fuzz-diff
