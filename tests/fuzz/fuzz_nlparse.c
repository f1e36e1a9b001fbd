// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: rproc_diag netlink messages as the daemon receives
 * them (userspace/kernel/decode.c), then whatever parses through the diagnosis
 * engine and both output formats.  Input: byte 0 picks the genl command,
 * the rest is the attribute stream after the netlink + genl headers.
 * Netlink attribute-aware mutator: mut_nl.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "diagnosis/diagnosis.h"
#include "common/json.h"
#include "common/report.h"
#include "kernel/decode.h"
#include "diagnosis/report.h"
#include "mut_nl.h"

const char *prog = "fuzz_nlparse";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct rd_msg *msg;
	size_t len;
	char err[256];

	if (size < 1 || size > 65536)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	len = NLMSG_HDRLEN + GENL_HDRLEN + (size - 1);
	nlh = calloc(1, len);
	msg = malloc(sizeof(*msg));
	if (!nlh || !msg) {
		free(nlh);
		free(msg);
		return 0;
	}
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = 0x20;
	g = (struct genlmsghdr *)((char *)nlh + NLMSG_HDRLEN);
	g->cmd = data[0] % 8;
	g->version = 1;
	memcpy((char *)g + GENL_HDRLEN, data + 1, size - 1);

	if (rd_parse_buf(nlh, len, msg, err, sizeof(err)) == 0 && msg->type == RD_MSG_ATTEMPT) {
		struct diag_result *res = malloc(sizeof(*res));
		struct diag_input in = { .rec = &msg->u.rec };
		struct report_opts o = { .color = true, .verbose = true };
		struct json j;
		struct rep r;

		if (res) {
			diag_run(&in, res);
			if (devnull) {
				json_init(&j, devnull);
				rep_init(&r, &j, devnull);
				report_attempt(&r, &msg->u.rec, NULL, NULL, res, &o);
				json_end(&j);
				rep_init(&r, NULL, devnull);
				report_attempt(&r, &msg->u.rec, NULL, NULL, res, &o);
			}
			free(res);
		}
	}
	free(msg);
	free(nlh);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return nl_mutate(data, size, max_size, seed);
}
