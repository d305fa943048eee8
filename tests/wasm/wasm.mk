# tests/wasm/wasm.mk — the engine's unit tests: every tests/wasm/test_*.c
# is a standalone program linked with the library, run by tests/run.sh.
UNIT_SRC  := $(wildcard tests/wasm/test_*.c)
UNIT_BINS := $(UNIT_SRC:%.c=$(BUILD)/%)

$(BUILD)/tests/wasm/test_%: $(BUILD)/tests/wasm/test_%.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

TESTS_ALL += $(UNIT_BINS)
.SECONDARY: $(UNIT_SRC:%.c=$(BUILD)/%.o)
-include $(UNIT_SRC:%.c=$(BUILD)/%.d)
