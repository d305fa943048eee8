# src/aot: the compiled tier.  abi.h, numeric.h and prelude.h are pasted
# into every generated C file, so they are turned into string literals here.
AOT_INC := $(BUILD)/src/aot/abi_text.inc $(BUILD)/src/aot/numeric_text.inc $(BUILD)/src/aot/prelude_text.inc
AOT_STR = sed -e '/^\#include "boxagnts.h"/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/'
$(BUILD)/src/aot/abi_text.inc: src/aot/abi.h
	@mkdir -p $(dir $@)
	$(AOT_STR) $< > $@
$(BUILD)/src/aot/numeric_text.inc: src/wasm/numeric.h
	@mkdir -p $(dir $@)
	$(AOT_STR) $< > $@
$(BUILD)/src/aot/prelude_text.inc: src/aot/prelude.h
	@mkdir -p $(dir $@)
	$(AOT_STR) $< > $@
$(BUILD)/src/aot/emit.o: $(AOT_INC)
$(BUILD)/src/aot/emit.o: CPPFLAGS += -I$(BUILD)/src/aot
