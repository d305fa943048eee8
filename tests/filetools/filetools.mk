# tests/filetools/filetools.mk — the file tools' suite (t_file_tools.sh)
# needs the CLI and the four tools; `make bench` also times file-read
# through whole `boxagnts call` processes (bench/filetools.sh).
FILETOOLS := file-read file-write file-edit file-glob
FILETOOLS_BUILT := $(foreach t,$(FILETOOLS),$(TOOLS_DIR)/$(t)/tool.wasm $(TOOLS_DIR)/$(t)/tool.json)
TESTS_ALL += $(FILETOOLS_BUILT)

bench: bench-filetools
bench-filetools: $(CLI) $(FILETOOLS_BUILT)
	BUILD=$(BUILD) bench/filetools.sh

.PHONY: bench-filetools
