# tests/webfetch/charset.mk — test_charset: web-fetch's charset.c compiled
# for the host, the decoder that tests/webfetch/t_charset.sh drives with
# Python-encoded bytes (round trips) and hand-written WHATWG error cases.
WF_TEST_CHARSET := $(BUILD)/tests/webfetch/test_charset
WF_TEST_CS_SRC  := tests/webfetch/test_charset.c tests/webfetch/host_tbuf.c guest/web-fetch/charset.c

$(WF_TEST_CHARSET): $(WF_TEST_CS_SRC) guest/web-fetch/charset.h guest/common/tool.h $(WF_INDEX)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iguest/common -Iguest/web-fetch -I$(WF_GEN_DIR) -I/usr/include/cjson $(ALL_LDFLAGS) -o $@ $(WF_TEST_CS_SRC)

TESTS_ALL += $(WF_TEST_CHARSET)
