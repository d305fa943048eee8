# tests/component/component.mk — the component model layer (src/component)
# and its tests.  The layer's objects join the library here (the top
# Makefile's LAYERS does not list it yet), as src/wasi/wasi.mk does.
COMP_SRC := $(wildcard src/component/*.c)
COMP_OBJ := $(COMP_SRC:%.c=$(BUILD)/%.o)
CPPFLAGS += -Isrc/component
$(LIB): $(COMP_OBJ)
-include $(COMP_OBJ:.o=.d)

# The test driver: decodes, instantiates and calls components directly.
COMP_TEST_DIR := $(BUILD)/tests/component
$(COMP_TEST_DIR)/test_component: tests/component/test_component.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(COMP_TEST_DIR)/test_component
