# tests/webfetch/webfetch.mk — what tests/webfetch/t_webfetch.sh needs: the
# web-fetch tool, and its page reading (charset.c, html.c) compiled for the
# host as test_html, so `make test-asan` runs it under the sanitizers.
WF_TEST_HTML := $(BUILD)/tests/webfetch/test_html
WF_TEST_SRC  := tests/webfetch/test_html.c tests/webfetch/host_tbuf.c guest/web-fetch/html.c guest/web-fetch/charset.c

$(WF_TEST_HTML): $(WF_TEST_SRC) guest/web-fetch/html.h guest/web-fetch/charset.h guest/common/tool.h $(WF_INDEX)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iguest/common -Iguest/web-fetch -I$(WF_GEN_DIR) -I/usr/include/cjson $(ALL_LDFLAGS) -o $@ $(WF_TEST_SRC)

TESTS_ALL += $(WF_TEST_HTML) $(TOOLS_DIR)/web-fetch/tool.wasm $(TOOLS_DIR)/web-fetch/tool.json
