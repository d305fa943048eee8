# tests/spec/spec.mk — the spec testsuite runner: every tests/spec/*.c,
# linked into one program (run by tests/run.sh over $(SPEC_SUITE)).
SPEC_SRC  := $(wildcard tests/spec/*.c)
SPEC_OBJ  := $(SPEC_SRC:%.c=$(BUILD)/%.o)
SPEC_RUNNER := $(BUILD)/tests/spec/runner

$(SPEC_RUNNER): $(SPEC_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ -lcjson $(LDLIBS)

TESTS_ALL += $(SPEC_RUNNER)
.SECONDARY: $(SPEC_OBJ)
-include $(SPEC_OBJ:.o=.d)
