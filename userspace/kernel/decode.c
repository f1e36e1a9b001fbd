// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Decoding of rproc_diag netlink messages into plain structs.
 *
 * Two layers of checks: libnl's nla_parse() with the policies below rejects
 * attributes whose length does not fit their documented type, then each
 * getter checks the exact length again before it reads a value.  When the
 * policy rejects a message, blame() names the offending attribute so the
 * error message can quote it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kernel/decode.h"
#include "rproc_tee.h"

#define U8P  { .type = NLA_U8,  .minlen = 1, .maxlen = 1 }
#define U32P { .type = NLA_U32, .minlen = 4, .maxlen = 4 }
#define S32P { .type = NLA_U32, .minlen = 4, .maxlen = 4 }
#define U64P { .type = NLA_U64, .minlen = 8, .maxlen = 8 }
#define S64P { .type = NLA_U64, .minlen = 8, .maxlen = 8 }
#define STRP(max) { .type = NLA_UNSPEC, .minlen = 1, .maxlen = (max) }
#define NESTP { .type = NLA_NESTED }

/* Attribute descriptions, for the policies and for error messages. */
struct attr_desc {
	const char *name;
	struct nla_policy pol;
};

static const struct attr_desc top_attrs[RPROC_DIAG_A_MAX + 1] = {
	[RPROC_DIAG_A_VERSION]		= { "VERSION", STRP(RPROC_DIAG_NAME_MAX) },
	[RPROC_DIAG_A_PROTO_VERSION]	= { "PROTO_VERSION", U32P },
	[RPROC_DIAG_A_DRIVER_API]	= { "DRIVER_API", U32P },
	[RPROC_DIAG_A_RING_SIZE]	= { "RING_SIZE", U32P },
	[RPROC_DIAG_A_ANALYZE_ALWAYS]	= { "ANALYZE_ALWAYS", U8P },
	[RPROC_DIAG_A_NEXT_SEQ]		= { "NEXT_SEQ", U64P },
	[RPROC_DIAG_A_CNT_ATTEMPTS]	= { "CNT_ATTEMPTS", U64P },
	[RPROC_DIAG_A_CNT_TEE_FAILURES]	= { "CNT_TEE_FAILURES", U64P },
	[RPROC_DIAG_A_CNT_DROPS]	= { "CNT_DROPS", U64P },
	[RPROC_DIAG_A_HOOKS]		= { "HOOKS", NESTP },
	[RPROC_DIAG_A_SEQ]		= { "SEQ", U64P },
	[RPROC_DIAG_A_KIND]		= { "KIND", U32P },
	[RPROC_DIAG_A_TS_START]		= { "TS_START", U64P },
	[RPROC_DIAG_A_TS_END]		= { "TS_END", U64P },
	[RPROC_DIAG_A_RPROC_INDEX]	= { "RPROC_INDEX", U32P },
	[RPROC_DIAG_A_RPROC_NAME]	= { "RPROC_NAME", STRP(RPROC_DIAG_NAME_MAX) },
	[RPROC_DIAG_A_FW_NAME]		= { "FW_NAME", STRP(RPROC_DIAG_NAME_MAX) },
	[RPROC_DIAG_A_FW_SIZE]		= { "FW_SIZE", U64P },
	[RPROC_DIAG_A_BOOT_RET]		= { "BOOT_RET", S32P },
	[RPROC_DIAG_A_FLAGS]		= { "FLAGS", U32P },
	[RPROC_DIAG_A_SESSION]		= { "SESSION", NESTP },
	[RPROC_DIAG_A_TA_CMDS]		= { "TA_CMDS", NESTP },
	[RPROC_DIAG_A_IMAGE]		= { "IMAGE", NESTP },
	[RPROC_DIAG_A_ANALYSIS]		= { "ANALYSIS", NESTP },
};

static const struct attr_desc hook_attrs[RPROC_DIAG_HOOK_A_MAX + 1] = {
	[RPROC_DIAG_HOOK_A_NAME]	= { "HOOK_NAME", STRP(RPROC_DIAG_NAME_MAX) },
	[RPROC_DIAG_HOOK_A_SYMBOL]	= { "HOOK_SYMBOL", STRP(RPROC_DIAG_NAME_MAX) },
	[RPROC_DIAG_HOOK_A_ATTACHED]	= { "HOOK_ATTACHED", U8P },
	[RPROC_DIAG_HOOK_A_ERROR]	= { "HOOK_ERROR", S32P },
	[RPROC_DIAG_HOOK_A_HITS]	= { "HOOK_HITS", U64P },
	[RPROC_DIAG_HOOK_A_MISSED]	= { "HOOK_MISSED", U64P },
};

static const struct attr_desc sess_attrs[RPROC_DIAG_SESS_A_MAX + 1] = {
	[RPROC_DIAG_SESS_A_RET]		= { "SESS_RET", U32P },
	[RPROC_DIAG_SESS_A_ORIGIN]	= { "SESS_ORIGIN", U32P },
	[RPROC_DIAG_SESS_A_ERRNO]	= { "SESS_ERRNO", S32P },
	[RPROC_DIAG_SESS_A_ID]		= { "SESS_ID", U32P },
};

static const struct attr_desc cmd_attrs[RPROC_DIAG_CMD_A_MAX + 1] = {
	[RPROC_DIAG_CMD_A_FUNC]		= { "CMD_FUNC", U32P },
	[RPROC_DIAG_CMD_A_RET]		= { "CMD_RET", U32P },
	[RPROC_DIAG_CMD_A_ORIGIN]	= { "CMD_ORIGIN", U32P },
	[RPROC_DIAG_CMD_A_ERRNO]	= { "CMD_ERRNO", S32P },
	[RPROC_DIAG_CMD_A_DURATION_NS]	= { "CMD_DURATION_NS", U64P },
};

static const struct attr_desc img_attrs[RPROC_DIAG_IMG_A_MAX + 1] = {
	[RPROC_DIAG_IMG_A_FORMAT]	= { "IMG_FORMAT", U32P },
	[RPROC_DIAG_IMG_A_MAGIC]	= { "IMG_MAGIC", U32P },
	[RPROC_DIAG_IMG_A_TLV_LEN]	= { "IMG_TLV_LEN", U32P },
	[RPROC_DIAG_IMG_A_SIGN_LEN]	= { "IMG_SIGN_LEN", U32P },
	[RPROC_DIAG_IMG_A_IMG_LEN]	= { "IMG_IMG_LEN", U32P },
	[RPROC_DIAG_IMG_A_EXPECTED_SIZE] = { "IMG_EXPECTED_SIZE", U64P },
	[RPROC_DIAG_IMG_A_SIGN_TYPE]	= { "IMG_SIGN_TYPE", U32P },
	[RPROC_DIAG_IMG_A_NUM_IMG]	= { "IMG_NUM_IMG", U32P },
	[RPROC_DIAG_IMG_A_BOOTADDR]	= { "IMG_BOOTADDR", U32P },
	[RPROC_DIAG_IMG_A_BOOTSEC]	= { "IMG_BOOTSEC", U32P },
	[RPROC_DIAG_IMG_A_PKEY_SHA256]	= { "IMG_PKEY_SHA256", { .type = NLA_UNSPEC, .minlen = 32, .maxlen = 32 } },
	[RPROC_DIAG_IMG_A_TLV_MASK]	= { "IMG_TLV_MASK", U32P },
};

static const struct attr_desc an_attrs[RPROC_DIAG_AN_A_MAX + 1] = {
	[RPROC_DIAG_AN_A_STATUS]	= { "AN_STATUS", S32P },
	[RPROC_DIAG_AN_A_FINDINGS]	= { "AN_FINDINGS", NESTP },
};

static const struct attr_desc fnd_attrs[RPROC_DIAG_FND_A_MAX + 1] = {
	[RPROC_DIAG_FND_A_CODE]		= { "FND_CODE", U32P },
	[RPROC_DIAG_FND_A_INDEX]	= { "FND_INDEX", U32P },
	[RPROC_DIAG_FND_A_ADDR]		= { "FND_ADDR", U32P },
	[RPROC_DIAG_FND_A_VALUE]	= { "FND_VALUE", S64P },
	[RPROC_DIAG_FND_A_TEXT]		= { "FND_TEXT", STRP(RPROC_DIAG_TEXT_MAX) },
};

/* libnl wants a plain nla_policy array; build them once from the tables. */
#define POLICY_OF(tbl, n) \
	static struct nla_policy tbl##_pol[(n) + 1]; \
	static void tbl##_pol_init(void) \
	{ \
		for (int i = 0; i <= (n); i++) \
			tbl##_pol[i] = tbl[i].pol; \
	}

POLICY_OF(top_attrs, RPROC_DIAG_A_MAX)
POLICY_OF(hook_attrs, RPROC_DIAG_HOOK_A_MAX)
POLICY_OF(sess_attrs, RPROC_DIAG_SESS_A_MAX)
POLICY_OF(cmd_attrs, RPROC_DIAG_CMD_A_MAX)
POLICY_OF(img_attrs, RPROC_DIAG_IMG_A_MAX)
POLICY_OF(an_attrs, RPROC_DIAG_AN_A_MAX)
POLICY_OF(fnd_attrs, RPROC_DIAG_FND_A_MAX)

static void policies_init(void)
{
	static bool done;

	if (done)
		return;
	top_attrs_pol_init();
	hook_attrs_pol_init();
	sess_attrs_pol_init();
	cmd_attrs_pol_init();
	img_attrs_pol_init();
	an_attrs_pol_init();
	fnd_attrs_pol_init();
	done = true;
}

static int fail(char *err, size_t errlen, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

/* Name the first attribute in [head, head+len) that violates its policy. */
static int blame(const struct attr_desc *desc, int maxtype, struct nlattr *head,
		 int len, const char *where, char *err, size_t errlen)
{
	struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, head, len, rem) {
		int t = nla_type(nla);
		const struct nla_policy *p;
		int l = nla_len(nla);

		if (t <= 0 || t > maxtype || !desc[t].name)
			continue;
		p = &desc[t].pol;
		if ((p->minlen && l < p->minlen) || (p->maxlen && l > p->maxlen))
			return fail(err, errlen, -EINVAL,
				    "%s: attribute %s (type %d) has %d bytes of payload, expected %s%u",
				    where, desc[t].name, t, l,
				    p->minlen == p->maxlen ? "" : "at least ",
				    p->minlen);
	}
	return fail(err, errlen, -EINVAL, "%s: malformed attribute stream", where);
}

static int parse_nested(struct nlattr **tb, int maxtype, struct nlattr *nest,
			const struct attr_desc *desc, const struct nla_policy *pol,
			const char *where, char *err, size_t errlen)
{
	if (nla_parse_nested(tb, maxtype, nest, pol) < 0)
		return blame(desc, maxtype, nla_data(nest), nla_len(nest), where,
			     err, errlen);
	return 0;
}

static bool get_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || nla_len(a) != 1)
		return false;
	*v = nla_get_u8((struct nlattr *)a);
	return true;
}

static bool get_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) != 4)
		return false;
	memcpy(v, nla_data(a), 4);
	return true;
}

static bool get_s32(const struct nlattr *a, int32_t *v)
{
	if (!a || nla_len(a) != 4)
		return false;
	memcpy(v, nla_data(a), 4);
	return true;
}

static bool get_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a || nla_len(a) != 8)
		return false;
	memcpy(v, nla_data(a), 8);
	return true;
}

static bool get_s64(const struct nlattr *a, int64_t *v)
{
	if (!a || nla_len(a) != 8)
		return false;
	memcpy(v, nla_data(a), 8);
	return true;
}

/*
 * NUL-terminated string of at most dstlen-1 characters.  Returns 1 when
 * copied, 0 when absent, -EINVAL when present but not a proper string.
 */
static int get_str(const struct nlattr *a, char *dst, size_t dstlen)
{
	const char *s;
	int l;

	dst[0] = '\0';
	if (!a)
		return 0;
	l = nla_len(a);
	s = nla_data(a);
	if (l < 1 || (size_t)l > dstlen || s[l - 1] != '\0' || memchr(s, '\0', l) != s + l - 1)
		return -EINVAL;
	memcpy(dst, s, l);
	return 1;
}

#define WANT(ok, name) \
	do { \
		if (!(ok)) \
			return fail(err, errlen, -EINVAL, "%s: attribute %s has the wrong size", where, name); \
	} while (0)

static int parse_findings(struct nlattr *list, struct rd_finding *out,
			  unsigned int *n, char *err, size_t errlen)
{
	static const char where[] = "analysis findings";
	struct nlattr *pos;
	int rem, ret;

	*n = 0;
	nla_for_each_nested(pos, list, rem) {
		struct nlattr *tb[RPROC_DIAG_FND_A_MAX + 1];
		struct rd_finding *f;

		if (*n >= RPROC_DIAG_MAX_FINDINGS)
			break;	/* more than the protocol allows: keep the first */
		ret = parse_nested(tb, RPROC_DIAG_FND_A_MAX, pos, fnd_attrs,
				   fnd_attrs_pol, where, err, errlen);
		if (ret)
			return ret;
		f = &out[*n];
		memset(f, 0, sizeof(*f));
		if (!get_u32(tb[RPROC_DIAG_FND_A_CODE], &f->code))
			return fail(err, errlen, -EINVAL,
				    "%s: finding %u has no valid FND_CODE", where, *n);
		f->has_index = get_u32(tb[RPROC_DIAG_FND_A_INDEX], &f->index);
		f->has_addr = get_u32(tb[RPROC_DIAG_FND_A_ADDR], &f->addr);
		f->has_value = get_s64(tb[RPROC_DIAG_FND_A_VALUE], &f->value);
		if (get_str(tb[RPROC_DIAG_FND_A_TEXT], f->text, sizeof(f->text)) < 0)
			return fail(err, errlen, -EINVAL,
				    "%s: finding %u: FND_TEXT is not a NUL-terminated string of at most %d bytes",
				    where, *n, RPROC_DIAG_TEXT_MAX);
		(*n)++;
	}
	return 0;
}

static int parse_analysis_nest(struct nlattr *nest, int32_t *status, bool *has_status,
			       struct rd_finding *f, unsigned int *n,
			       char *err, size_t errlen)
{
	struct nlattr *tb[RPROC_DIAG_AN_A_MAX + 1];
	int ret;

	ret = parse_nested(tb, RPROC_DIAG_AN_A_MAX, nest, an_attrs, an_attrs_pol,
			   "analysis", err, errlen);
	if (ret)
		return ret;
	*has_status = get_s32(tb[RPROC_DIAG_AN_A_STATUS], status);
	*n = 0;
	if (tb[RPROC_DIAG_AN_A_FINDINGS])
		return parse_findings(tb[RPROC_DIAG_AN_A_FINDINGS], f, n, err, errlen);
	return 0;
}

static int parse_image(struct nlattr *nest, struct rd_image *im, char *err, size_t errlen)
{
	struct nlattr *tb[RPROC_DIAG_IMG_A_MAX + 1];
	int ret;

	ret = parse_nested(tb, RPROC_DIAG_IMG_A_MAX, nest, img_attrs, img_attrs_pol,
			   "image", err, errlen);
	if (ret)
		return ret;
	im->has_format = get_u32(tb[RPROC_DIAG_IMG_A_FORMAT], &im->format);
	im->has_magic = get_u32(tb[RPROC_DIAG_IMG_A_MAGIC], &im->magic);
	im->has_tlv_len = get_u32(tb[RPROC_DIAG_IMG_A_TLV_LEN], &im->tlv_len);
	im->has_sign_len = get_u32(tb[RPROC_DIAG_IMG_A_SIGN_LEN], &im->sign_len);
	im->has_img_len = get_u32(tb[RPROC_DIAG_IMG_A_IMG_LEN], &im->img_len);
	im->has_expected_size = get_u64(tb[RPROC_DIAG_IMG_A_EXPECTED_SIZE], &im->expected_size);
	im->has_sign_type = get_u32(tb[RPROC_DIAG_IMG_A_SIGN_TYPE], &im->sign_type);
	im->has_num_img = get_u32(tb[RPROC_DIAG_IMG_A_NUM_IMG], &im->num_img);
	im->has_bootaddr = get_u32(tb[RPROC_DIAG_IMG_A_BOOTADDR], &im->bootaddr);
	im->has_bootsec = get_u32(tb[RPROC_DIAG_IMG_A_BOOTSEC], &im->bootsec);
	im->has_tlv_mask = get_u32(tb[RPROC_DIAG_IMG_A_TLV_MASK], &im->tlv_mask);
	if (tb[RPROC_DIAG_IMG_A_PKEY_SHA256]) {
		if (nla_len(tb[RPROC_DIAG_IMG_A_PKEY_SHA256]) != 32)
			return fail(err, errlen, -EINVAL, "image: IMG_PKEY_SHA256 is not 32 bytes");
		memcpy(im->pkey_sha256, nla_data(tb[RPROC_DIAG_IMG_A_PKEY_SHA256]), 32);
		im->has_pkey_sha256 = true;
	}
	if (im->has_format && im->format > RPROC_DIAG_FMT_DAMAGED)
		im->format = RPROC_DIAG_FMT_UNKNOWN;	/* newer module: treat as unknown */
	return 0;
}

static int parse_cmds(struct nlattr *list, struct rd_record *rec, char *err, size_t errlen)
{
	struct nlattr *pos;
	int rem, ret;

	rec->n_cmds = 0;
	nla_for_each_nested(pos, list, rem) {
		struct nlattr *tb[RPROC_DIAG_CMD_A_MAX + 1];
		struct rd_ta_cmd *c;

		if (rec->n_cmds >= RPROC_DIAG_MAX_TA_CMDS) {
			rec->flags |= RPROC_DIAG_F_CMDS_TRUNCATED;
			break;
		}
		ret = parse_nested(tb, RPROC_DIAG_CMD_A_MAX, pos, cmd_attrs,
				   cmd_attrs_pol, "TA command", err, errlen);
		if (ret)
			return ret;
		c = &rec->cmds[rec->n_cmds];
		memset(c, 0, sizeof(*c));
		if (!get_u32(tb[RPROC_DIAG_CMD_A_FUNC], &c->func))
			return fail(err, errlen, -EINVAL,
				    "TA command %u: CMD_FUNC missing", rec->n_cmds);
		c->has_ret = get_u32(tb[RPROC_DIAG_CMD_A_RET], &c->ret);
		c->has_origin = get_u32(tb[RPROC_DIAG_CMD_A_ORIGIN], &c->origin);
		c->has_errno = get_s32(tb[RPROC_DIAG_CMD_A_ERRNO], &c->err);
		c->has_duration = get_u64(tb[RPROC_DIAG_CMD_A_DURATION_NS], &c->duration_ns);
		rec->n_cmds++;
	}
	return 0;
}

static int parse_top(struct nlattr **tb, struct nlmsghdr *nlh, const char *where,
		     char *err, size_t errlen)
{
	policies_init();
	if (!genlmsg_valid_hdr(nlh, 0))
		return fail(err, errlen, -EINVAL,
			    "%s: message of %u bytes is shorter than a generic netlink header",
			    where, nlh->nlmsg_len);
	if (genlmsg_parse(nlh, 0, tb, RPROC_DIAG_A_MAX, top_attrs_pol) < 0)
		return blame(top_attrs, RPROC_DIAG_A_MAX, genlmsg_attrdata(nlmsg_data(nlh), 0),
			     genlmsg_attrlen(nlmsg_data(nlh), 0), where, err, errlen);
	return 0;
}

int rd_msg_cmd(struct nlmsghdr *nlh)
{
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	return genlmsg_hdr(nlh)->cmd;
}

int rd_parse_attempt(struct nlmsghdr *nlh, struct rd_record *rec,
		     char *err, size_t errlen)
{
	static const char where[] = "attempt record";
	struct nlattr *tb[RPROC_DIAG_A_MAX + 1];
	int ret;

	memset(rec, 0, sizeof(*rec));
	ret = parse_top(tb, nlh, where, err, errlen);
	if (ret)
		return ret;
	rec->has_seq = get_u64(tb[RPROC_DIAG_A_SEQ], &rec->seq);
	if (!rec->has_seq)
		return fail(err, errlen, -EINVAL, "%s: SEQ attribute missing", where);
	if (!get_u32(tb[RPROC_DIAG_A_KIND], &rec->kind))
		rec->kind = 0;
	rec->has_ts_start = get_u64(tb[RPROC_DIAG_A_TS_START], &rec->ts_start);
	rec->has_ts_end = get_u64(tb[RPROC_DIAG_A_TS_END], &rec->ts_end);
	rec->has_rproc_index = get_u32(tb[RPROC_DIAG_A_RPROC_INDEX], &rec->rproc_index);
	if (get_str(tb[RPROC_DIAG_A_RPROC_NAME], rec->rproc_name, sizeof(rec->rproc_name)) < 0)
		return fail(err, errlen, -EINVAL,
			    "%s %llu: RPROC_NAME is not a NUL-terminated string of at most %d bytes",
			    where, (unsigned long long)rec->seq, RPROC_DIAG_NAME_MAX);
	if (get_str(tb[RPROC_DIAG_A_FW_NAME], rec->fw_name, sizeof(rec->fw_name)) < 0)
		return fail(err, errlen, -EINVAL,
			    "%s %llu: FW_NAME is not a NUL-terminated string of at most %d bytes",
			    where, (unsigned long long)rec->seq, RPROC_DIAG_NAME_MAX);
	rec->has_fw_size = get_u64(tb[RPROC_DIAG_A_FW_SIZE], &rec->fw_size);
	rec->has_driver_api = get_u32(tb[RPROC_DIAG_A_DRIVER_API], &rec->driver_api);
	rec->has_boot_ret = get_s32(tb[RPROC_DIAG_A_BOOT_RET], &rec->boot_ret);
	if (!get_u32(tb[RPROC_DIAG_A_FLAGS], &rec->flags))
		rec->flags = 0;
	if (rec->has_boot_ret && !(rec->flags & RPROC_DIAG_F_BOOT_RET_VALID) &&
	    tb[RPROC_DIAG_A_FLAGS])
		rec->has_boot_ret = false;	/* the module says the value was not observed */

	if (tb[RPROC_DIAG_A_SESSION]) {
		struct nlattr *st[RPROC_DIAG_SESS_A_MAX + 1];

		ret = parse_nested(st, RPROC_DIAG_SESS_A_MAX, tb[RPROC_DIAG_A_SESSION],
				   sess_attrs, sess_attrs_pol, "session", err, errlen);
		if (ret)
			return ret;
		rec->has_session = true;
		rec->session.has_ret = get_u32(st[RPROC_DIAG_SESS_A_RET], &rec->session.ret);
		rec->session.has_origin = get_u32(st[RPROC_DIAG_SESS_A_ORIGIN], &rec->session.origin);
		rec->session.has_errno = get_s32(st[RPROC_DIAG_SESS_A_ERRNO], &rec->session.err);
		rec->session.has_id = get_u32(st[RPROC_DIAG_SESS_A_ID], &rec->session.id);
	}
	if (tb[RPROC_DIAG_A_TA_CMDS]) {
		ret = parse_cmds(tb[RPROC_DIAG_A_TA_CMDS], rec, err, errlen);
		if (ret)
			return ret;
	}
	if (tb[RPROC_DIAG_A_IMAGE]) {
		ret = parse_image(tb[RPROC_DIAG_A_IMAGE], &rec->image, err, errlen);
		if (ret)
			return ret;
		rec->has_image = true;
	}
	if (tb[RPROC_DIAG_A_ANALYSIS]) {
		ret = parse_analysis_nest(tb[RPROC_DIAG_A_ANALYSIS], &rec->an_status,
					  &rec->has_an_status, rec->findings,
					  &rec->n_findings, err, errlen);
		if (ret)
			return ret;
		rec->has_analysis = true;
	}
	return 0;
}

int rd_parse_analysis(struct nlmsghdr *nlh, struct rd_analysis_msg *an,
		      char *err, size_t errlen)
{
	static const char where[] = "analysis notification";
	struct nlattr *tb[RPROC_DIAG_A_MAX + 1];
	int ret;

	memset(an, 0, sizeof(*an));
	ret = parse_top(tb, nlh, where, err, errlen);
	if (ret)
		return ret;
	if (!get_u64(tb[RPROC_DIAG_A_SEQ], &an->seq))
		return fail(err, errlen, -EINVAL, "%s: SEQ attribute missing", where);
	if (!tb[RPROC_DIAG_A_ANALYSIS])
		return fail(err, errlen, -EINVAL, "%s %llu: ANALYSIS attribute missing",
			    where, (unsigned long long)an->seq);
	return parse_analysis_nest(tb[RPROC_DIAG_A_ANALYSIS], &an->status,
				   &an->has_status, an->findings, &an->n_findings,
				   err, errlen);
}

int rd_parse_status(struct nlmsghdr *nlh, struct rd_status *st,
		    char *err, size_t errlen)
{
	static const char where[] = "status reply";
	struct nlattr *tb[RPROC_DIAG_A_MAX + 1];
	struct nlattr *pos;
	int rem, ret;

	memset(st, 0, sizeof(*st));
	ret = parse_top(tb, nlh, where, err, errlen);
	if (ret)
		return ret;
	ret = get_str(tb[RPROC_DIAG_A_VERSION], st->version, sizeof(st->version));
	if (ret < 0)
		return fail(err, errlen, -EINVAL, "%s: VERSION is not a NUL-terminated string", where);
	st->has_version = ret > 0;
	st->has_proto_version = get_u32(tb[RPROC_DIAG_A_PROTO_VERSION], &st->proto_version);
	st->has_driver_api = get_u32(tb[RPROC_DIAG_A_DRIVER_API], &st->driver_api);
	st->has_ring_size = get_u32(tb[RPROC_DIAG_A_RING_SIZE], &st->ring_size);
	st->has_analyze_always = get_u8(tb[RPROC_DIAG_A_ANALYZE_ALWAYS], &st->analyze_always);
	st->has_next_seq = get_u64(tb[RPROC_DIAG_A_NEXT_SEQ], &st->next_seq);
	st->has_counters = get_u64(tb[RPROC_DIAG_A_CNT_ATTEMPTS], &st->cnt_attempts);
	get_u64(tb[RPROC_DIAG_A_CNT_TEE_FAILURES], &st->cnt_tee_failures);
	get_u64(tb[RPROC_DIAG_A_CNT_DROPS], &st->cnt_drops);
	if (!tb[RPROC_DIAG_A_HOOKS])
		return 0;
	nla_for_each_nested(pos, tb[RPROC_DIAG_A_HOOKS], rem) {
		struct nlattr *ht[RPROC_DIAG_HOOK_A_MAX + 1];
		struct rd_hook *h;

		if (st->n_hooks >= RD_MAX_HOOKS) {
			st->hooks_truncated = true;
			break;
		}
		ret = parse_nested(ht, RPROC_DIAG_HOOK_A_MAX, pos, hook_attrs,
				   hook_attrs_pol, "hook", err, errlen);
		if (ret)
			return ret;
		h = &st->hooks[st->n_hooks];
		memset(h, 0, sizeof(*h));
		if (get_str(ht[RPROC_DIAG_HOOK_A_NAME], h->name, sizeof(h->name)) < 0 ||
		    get_str(ht[RPROC_DIAG_HOOK_A_SYMBOL], h->symbol, sizeof(h->symbol)) < 0)
			return fail(err, errlen, -EINVAL,
				    "%s: hook %u: name or symbol is not a NUL-terminated string",
				    where, st->n_hooks);
		{
			uint8_t a = 0;

			h->has_attached = get_u8(ht[RPROC_DIAG_HOOK_A_ATTACHED], &a);
			h->attached = a != 0;
		}
		h->has_error = get_s32(ht[RPROC_DIAG_HOOK_A_ERROR], &h->error);
		h->has_hits = get_u64(ht[RPROC_DIAG_HOOK_A_HITS], &h->hits);
		h->has_missed = get_u64(ht[RPROC_DIAG_HOOK_A_MISSED], &h->missed);
		st->n_hooks++;
	}
	return 0;
}

int rd_parse_buf(const void *buf, size_t len, struct rd_msg *out,
		 char *err, size_t errlen)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	int cmd;

	out->type = RD_MSG_NONE;
	if (len > (size_t)INT32_MAX || !nlmsg_ok(nlh, (int)len))
		return fail(err, errlen, -EINVAL,
			    "netlink message header does not fit in the %zu bytes received", len);
	cmd = rd_msg_cmd(nlh);
	switch (cmd) {
	case RPROC_DIAG_CMD_ATTEMPT:
		out->type = RD_MSG_ATTEMPT;
		return rd_parse_attempt(nlh, &out->u.rec, err, errlen);
	case RPROC_DIAG_CMD_ANALYSIS:
		out->type = RD_MSG_ANALYSIS;
		return rd_parse_analysis(nlh, &out->u.an, err, errlen);
	case RPROC_DIAG_CMD_GET_STATUS:
		out->type = RD_MSG_STATUS;
		return rd_parse_status(nlh, &out->u.st, err, errlen);
	case -EINVAL:
		return fail(err, errlen, -EINVAL,
			    "message of %u bytes is shorter than a generic netlink header",
			    nlh->nlmsg_len);
	default:
		return fail(err, errlen, -EPROTO, "unknown rproc_diag command %d", cmd);
	}
}

void rd_record_apply_analysis(struct rd_record *rec, const struct rd_analysis_msg *an)
{
	if (rec->seq != an->seq)
		return;
	rec->has_analysis = true;
	rec->an_status = an->status;
	rec->has_an_status = an->has_status;
	rec->n_findings = an->n_findings;
	memcpy(rec->findings, an->findings, sizeof(an->findings[0]) * an->n_findings);
	rec->flags &= ~RPROC_DIAG_F_ANALYSIS_PENDING;
}

const char *rd_ta_cmd_name(uint32_t func)
{
	/* the shared table; only real TA commands have a name here */
	if (func < RPROC_DIAG_TA_LOAD_FW || func > RPROC_DIAG_TA_RELEASE_FW)
		return NULL;
	return rpi_ta_cmd_name(func);
}

const char *rd_kind_name(uint32_t kind)
{
	switch (kind) {
	case RPROC_DIAG_KIND_BOOT: return "boot";
	case RPROC_DIAG_KIND_REGISTER: return "register";
	case RPROC_DIAG_KIND_SHUTDOWN: return "shutdown";
	default: return "unknown";
	}
}

const char *rd_api_name(uint32_t api)
{
	switch (api) {
	case RPROC_DIAG_API_NONE: return "none";
	case RPROC_DIAG_API_ST: return "st";
	case RPROC_DIAG_API_INTERMEDIATE: return "intermediate";
	case RPROC_DIAG_API_UPSTREAM: return "upstream";
	default: return "unknown";
	}
}

const char *rd_format_name(uint32_t fmt)
{
	switch (fmt) {
	case RPROC_DIAG_FMT_ELF: return "ELF";
	case RPROC_DIAG_FMT_F1: return "F1";
	case RPROC_DIAG_FMT_F2: return "F2";
	case RPROC_DIAG_FMT_F3: return "F3";
	case RPROC_DIAG_FMT_DAMAGED: return "damaged";
	default: return "unknown";
	}
}

int rd_first_failed_cmd(const struct rd_record *rec)
{
	for (unsigned int i = 0; i < rec->n_cmds; i++) {
		const struct rd_ta_cmd *c = &rec->cmds[i];

		if ((c->has_ret && c->ret != 0) || (c->has_errno && c->err != 0))
			return (int)i;
	}
	return -1;
}
