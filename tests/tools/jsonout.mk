# tests/tools/jsonout.mk — the tools' result printer (guest/common/tool.c)
# built natively with the guests' own cJSON source, against that cJSON's
# printer (tests/tools/t_json_out.sh runs it).
$(BUILD)/tests/tools/test_json_out: tests/tools/test_json_out.c guest/common/tool.c guest/common/hint.c guest/common/tool.h $(CJSON_DIR)/.stamp
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -DENOTCAPABLE=ENOTSUP -Iguest/common -I$(CJSON_DIR) -o $@ \
	    tests/tools/test_json_out.c guest/common/tool.c guest/common/hint.c $(CJSON_DIR)/cJSON.c -lm

TESTS_ALL += $(BUILD)/tests/tools/test_json_out
