// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "rproc_diag" (protocol: uapi/rproc_diag.h).
 *
 * Hand-written genl_ops with a strict policy per command (builds on 6.1,
 * which has no split ops); resv_start_op stays 0, so every command gets
 * strict validation.  Events are published from a work item, never from
 * probe context.
 */
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include "compat.h"
#include "record.h"
#include "hooks.h"
#include "netlink.h"

static struct genl_family rproc_diag_family;
static void publish_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(publish_work, publish_work_fn);
static bool nl_live;

static int put_session(struct sk_buff *skb,
		       const struct rproc_diag_session_rec *s)
{
	struct nlattr *nest = nla_nest_start(skb, RPROC_DIAG_A_SESSION);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, RPROC_DIAG_SESS_A_RET, s->ret) ||
	    nla_put_u32(skb, RPROC_DIAG_SESS_A_ORIGIN, s->origin) ||
	    nla_put_s32(skb, RPROC_DIAG_SESS_A_ERRNO, s->err) ||
	    nla_put_u32(skb, RPROC_DIAG_SESS_A_ID, s->id)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_cmds(struct sk_buff *skb, const struct rproc_diag_record *rec)
{
	struct nlattr *nest, *item;
	unsigned int i;

	nest = nla_nest_start(skb, RPROC_DIAG_A_TA_CMDS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < rec->n_cmds; i++) {
		const struct rproc_diag_ta_cmd_rec *c = &rec->cmds[i];

		item = nla_nest_start(skb, 0);
		if (!item ||
		    nla_put_u32(skb, RPROC_DIAG_CMD_A_FUNC, c->func) ||
		    nla_put_u32(skb, RPROC_DIAG_CMD_A_RET, c->ret) ||
		    nla_put_u32(skb, RPROC_DIAG_CMD_A_ORIGIN, c->origin) ||
		    nla_put_s32(skb, RPROC_DIAG_CMD_A_ERRNO, c->err) ||
		    nla_put_u64_64bit(skb, RPROC_DIAG_CMD_A_DURATION_NS,
				      c->duration_ns, RPROC_DIAG_CMD_A_PAD))
			goto cancel;
		nla_nest_end(skb, item);
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int put_image(struct sk_buff *skb, const struct rproc_diag_image_rec *img)
{
	struct nlattr *nest = nla_nest_start(skb, RPROC_DIAG_A_IMAGE);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, RPROC_DIAG_IMG_A_FORMAT, img->format) ||
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_MAGIC, img->magic) ||
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_TLV_LEN, img->tlv_len) ||
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_SIGN_LEN, img->sign_len) ||
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_IMG_LEN, img->img_len) ||
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_TLV_MASK, img->tlv_mask))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_EXPECTED) &&
	    nla_put_u64_64bit(skb, RPROC_DIAG_IMG_A_EXPECTED_SIZE,
			      img->expected_size, RPROC_DIAG_IMG_A_PAD))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_SIGN_TYPE) &&
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_SIGN_TYPE, img->sign_type))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_NUM_IMG) &&
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_NUM_IMG, img->num_img))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_BOOTADDR) &&
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_BOOTADDR, img->bootaddr))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_BOOTSEC) &&
	    nla_put_u32(skb, RPROC_DIAG_IMG_A_BOOTSEC, img->bootsec))
		goto cancel;
	if ((img->present & RPROC_DIAG_IMG_PKEY) &&
	    nla_put(skb, RPROC_DIAG_IMG_A_PKEY_SHA256,
		    sizeof(img->pkey_sha256), img->pkey_sha256))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int rproc_diag_nl_put_analysis(struct sk_buff *skb,
			       const struct rproc_diag_analysis_rec *an)
{
	struct nlattr *nest, *list, *item;
	unsigned int i;

	nest = nla_nest_start(skb, RPROC_DIAG_A_ANALYSIS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_s32(skb, RPROC_DIAG_AN_A_STATUS, an->status))
		goto cancel;
	list = nla_nest_start(skb, RPROC_DIAG_AN_A_FINDINGS);
	if (!list)
		goto cancel;
	for (i = 0; i < an->n_findings && i < RPROC_DIAG_MAX_FINDINGS; i++) {
		const struct rproc_diag_finding_rec *f = &an->findings[i];

		item = nla_nest_start(skb, 0);
		if (!item ||
		    nla_put_u32(skb, RPROC_DIAG_FND_A_CODE, f->code) ||
		    nla_put_u32(skb, RPROC_DIAG_FND_A_INDEX, f->index) ||
		    nla_put_u32(skb, RPROC_DIAG_FND_A_ADDR, f->addr) ||
		    nla_put_s64(skb, RPROC_DIAG_FND_A_VALUE, f->value,
				RPROC_DIAG_FND_A_PAD) ||
		    nla_put_string(skb, RPROC_DIAG_FND_A_TEXT, f->text))
			goto cancel;
		nla_nest_end(skb, item);
	}
	nla_nest_end(skb, list);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_nl_put_analysis);

int rproc_diag_nl_put_record(struct sk_buff *skb,
			     const struct rproc_diag_record *rec)
{
	if (nla_put_u64_64bit(skb, RPROC_DIAG_A_SEQ, rec->seq,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_u32(skb, RPROC_DIAG_A_KIND, rec->kind) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_TS_START, rec->ts_start,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_TS_END, rec->ts_end,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_string(skb, RPROC_DIAG_A_RPROC_NAME, rec->rproc_name) ||
	    nla_put_string(skb, RPROC_DIAG_A_FW_NAME, rec->fw_name) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_FW_SIZE, rec->fw_size,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_u32(skb, RPROC_DIAG_A_DRIVER_API, rec->api) ||
	    nla_put_s32(skb, RPROC_DIAG_A_BOOT_RET, rec->boot_ret) ||
	    nla_put_u32(skb, RPROC_DIAG_A_FLAGS, rec->flags))
		return -EMSGSIZE;
	if (rec->rproc_index >= 0 &&
	    nla_put_u32(skb, RPROC_DIAG_A_RPROC_INDEX, rec->rproc_index))
		return -EMSGSIZE;
	if (rec->session.valid && put_session(skb, &rec->session))
		return -EMSGSIZE;
	if (put_cmds(skb, rec))
		return -EMSGSIZE;
	if ((rec->flags & RPROC_DIAG_F_IMAGE_VALID) &&
	    put_image(skb, &rec->image))
		return -EMSGSIZE;
	if (rec->analysis.done &&
	    rproc_diag_nl_put_analysis(skb, &rec->analysis))
		return -EMSGSIZE;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_nl_put_record);

static int put_hooks(struct sk_buff *skb)
{
	struct rproc_diag_hook_info h;
	struct nlattr *nest, *item;
	unsigned int i;

	nest = nla_nest_start(skb, RPROC_DIAG_A_HOOKS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < rproc_diag_hooks_count(); i++) {
		rproc_diag_hook_get(i, &h);
		item = nla_nest_start(skb, 0);
		if (!item ||
		    nla_put_string(skb, RPROC_DIAG_HOOK_A_NAME, h.role) ||
		    nla_put_string(skb, RPROC_DIAG_HOOK_A_SYMBOL, h.symbol) ||
		    nla_put_u8(skb, RPROC_DIAG_HOOK_A_ATTACHED, h.attached) ||
		    (!h.attached &&
		     nla_put_s32(skb, RPROC_DIAG_HOOK_A_ERROR, h.error)) ||
		    nla_put_u64_64bit(skb, RPROC_DIAG_HOOK_A_HITS, h.hits,
				      RPROC_DIAG_HOOK_A_PAD) ||
		    nla_put_u64_64bit(skb, RPROC_DIAG_HOOK_A_MISSED, h.missed,
				      RPROC_DIAG_HOOK_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, item);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_status(struct sk_buff *skb)
{
	struct rproc_diag_state *st = rproc_diag_st;
	struct rproc_diag_counters c;

	rproc_diag_counters_get(st, &c);
	if (nla_put_string(skb, RPROC_DIAG_A_VERSION, RPROC_DIAG_MOD_VERSION) ||
	    nla_put_u32(skb, RPROC_DIAG_A_PROTO_VERSION,
			RPROC_DIAG_GENL_VERSION) ||
	    nla_put_u32(skb, RPROC_DIAG_A_DRIVER_API, READ_ONCE(st->api)) ||
	    nla_put_u32(skb, RPROC_DIAG_A_RING_SIZE, st->ring_size) ||
	    nla_put_u8(skb, RPROC_DIAG_A_ANALYZE_ALWAYS,
		       READ_ONCE(st->analyze_always)) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_NEXT_SEQ, c.next_seq,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_CNT_ATTEMPTS, c.attempts,
			      RPROC_DIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_CNT_TEE_FAILURES,
			      c.tee_failures, RPROC_DIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, RPROC_DIAG_A_CNT_DROPS, c.drops,
			      RPROC_DIAG_A_PAD))
		return -EMSGSIZE;
	return put_hooks(skb);
}

static int get_status_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(RPROC_DIAG_NL_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &rproc_diag_family, 0,
				RPROC_DIAG_CMD_GET_STATUS);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err_free;
	}
	ret = put_status(msg);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static const struct nla_policy attempts_policy[RPROC_DIAG_A_SEQ + 1] = {
	[RPROC_DIAG_A_SEQ]	= { .type = NLA_U64 },
};

static int get_attempts_start(struct netlink_callback *cb)
{
	struct nlattr *tb[RPROC_DIAG_A_SEQ + 1];
	int ret;

	ret = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, RPROC_DIAG_A_SEQ,
			  attempts_policy, cb->extack);
	if (ret)
		return ret;
	cb->args[0] = tb[RPROC_DIAG_A_SEQ] ?
		      nla_get_u64(tb[RPROC_DIAG_A_SEQ]) : 0;
	cb->min_dump_alloc = RPROC_DIAG_NL_MSG_SIZE;
	return 0;
}

static int get_attempts_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rproc_diag_record *rec;
	struct rproc_diag_counters c;
	void *hdr;
	u64 seq;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	rproc_diag_counters_get(rproc_diag_st, &c);
	for (seq = max_t(u64, cb->args[0], c.first_seq); seq < c.next_seq;
	     seq++) {
		if (rproc_diag_ring_get(rproc_diag_st, seq, rec))
			continue;	/* overwritten meanwhile */
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &rproc_diag_family,
				  NLM_F_MULTI, RPROC_DIAG_CMD_ATTEMPT);
		if (!hdr)
			break;
		if (rproc_diag_nl_put_record(skb, rec)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = seq;
	kfree(rec);
	return skb->len;
}

static int clear_doit(struct sk_buff *skb, struct genl_info *info)
{
	rproc_diag_ring_clear(rproc_diag_st);
	return 0;
}

static const struct nla_policy options_policy[RPROC_DIAG_A_ANALYZE_ALWAYS + 1] = {
	[RPROC_DIAG_A_ANALYZE_ALWAYS]	= NLA_POLICY_MAX(NLA_U8, 1),
};

static int set_options_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *a = info->attrs[RPROC_DIAG_A_ANALYZE_ALWAYS];

	if (!a) {
		GENL_SET_ERR_MSG(info, "no option given (RPROC_DIAG_A_ANALYZE_ALWAYS)");
		return -EINVAL;
	}
	WRITE_ONCE(rproc_diag_st->analyze_always, nla_get_u8(a));
	return 0;
}

/*
 * Commands that take no attribute: any attribute is rejected (type 1 by
 * NLA_REJECT, higher types by strict validation of maxattr).  A NULL
 * policy would do the same on 6.2+ only.
 */
static const struct nla_policy none_policy[2] = {
	[0]	= { .type = NLA_REJECT },
	[1]	= { .type = NLA_REJECT },
};

static const struct genl_ops rproc_diag_ops[] = {
	{
		.cmd	= RPROC_DIAG_CMD_GET_STATUS,
		.doit	= get_status_doit,
		.policy	= none_policy,
		.maxattr = 1,
	},
	{
		.cmd	= RPROC_DIAG_CMD_GET_ATTEMPTS,
		.start	= get_attempts_start,
		.dumpit	= get_attempts_dumpit,
		.policy	= attempts_policy,
		.maxattr = RPROC_DIAG_A_SEQ,
	},
	{
		.cmd	= RPROC_DIAG_CMD_CLEAR,
		.doit	= clear_doit,
		.policy	= none_policy,
		.maxattr = 1,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= RPROC_DIAG_CMD_SET_OPTIONS,
		.doit	= set_options_doit,
		.policy	= options_policy,
		.maxattr = RPROC_DIAG_A_ANALYZE_ALWAYS,
		.flags	= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group rproc_diag_mcgrps[] = {
	{ .name = RPROC_DIAG_MCGRP_EVENTS, .flags = RPROC_DIAG_MCGRP_PERM },
};

/* resv_start_op is 0: strict validation for every command. */
static struct genl_family rproc_diag_family __ro_after_init = {
	.name		= RPROC_DIAG_GENL_NAME,
	.version	= RPROC_DIAG_GENL_VERSION,
	.module		= THIS_MODULE,
	.ops		= rproc_diag_ops,
	.n_ops		= ARRAY_SIZE(rproc_diag_ops),
	.mcgrps		= rproc_diag_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(rproc_diag_mcgrps),
};

static void notify(u8 cmd, const struct rproc_diag_record *rec, u64 seq,
		   const struct rproc_diag_analysis_rec *an)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(RPROC_DIAG_NL_MSG_SIZE, GFP_KERNEL);
	if (!msg)
		goto err_drop;
	hdr = genlmsg_put(msg, 0, 0, &rproc_diag_family, 0, cmd);
	if (!hdr)
		goto err_free;
	if (rec && rproc_diag_nl_put_record(msg, rec))
		goto err_cancel;
	if (an && (nla_put_u64_64bit(msg, RPROC_DIAG_A_SEQ, seq,
				     RPROC_DIAG_A_PAD) ||
		   rproc_diag_nl_put_analysis(msg, an)))
		goto err_cancel;
	genlmsg_end(msg, hdr);
	/* -ESRCH only means nobody listens any more */
	genlmsg_multicast(&rproc_diag_family, msg, 0, 0, GFP_KERNEL);
	return;

err_cancel:
	genlmsg_cancel(msg, hdr);
err_free:
	nlmsg_free(msg);
err_drop:
	rproc_diag_count_drop(rproc_diag_st);
}

static void publish_work_fn(struct work_struct *work)
{
	struct rproc_diag_record *rec;
	u64 seq;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	while (!rproc_diag_ring_next_unpublished(rproc_diag_st, &seq)) {
		if (!genl_has_listeners(&rproc_diag_family, &init_net, 0))
			continue;
		if (!rec) {
			rproc_diag_count_drop(rproc_diag_st);
			continue;
		}
		if (!rproc_diag_ring_get(rproc_diag_st, seq, rec))
			notify(RPROC_DIAG_CMD_ATTEMPT, rec, 0, NULL);
	}
	kfree(rec);
}

void rproc_diag_nl_kick(void)
{
	if (!READ_ONCE(nl_live))
		return;
	/*
	 * Without a listener there is nothing to send: skip the work item
	 * (waking a worker is most of the module's cost on the boot path).
	 */
	if (!genl_has_listeners(&rproc_diag_family, &init_net, 0)) {
		rproc_diag_ring_skip_unpublished(rproc_diag_st);
		return;
	}
	/*
	 * Publish a little later, off the boot path: back-to-back attempts
	 * share one worker and listener wakeup.  No-op while pending.
	 */
	schedule_delayed_work(&publish_work,
			      msecs_to_jiffies(RPROC_DIAG_PUBLISH_DELAY_MS));
}

void rproc_diag_nl_notify_analysis(u64 seq,
				   const struct rproc_diag_analysis_rec *an)
{
	/* the ATTEMPT event goes out before its ANALYSIS */
	flush_delayed_work(&publish_work);
	if (genl_has_listeners(&rproc_diag_family, &init_net, 0))
		notify(RPROC_DIAG_CMD_ANALYSIS, NULL, seq, an);
}

int rproc_diag_nl_init(void)
{
	int ret = genl_register_family(&rproc_diag_family);

	if (ret)
		return ret;
	WRITE_ONCE(nl_live, true);
	return 0;
}

void rproc_diag_nl_exit(void)
{
	WRITE_ONCE(nl_live, false);
	cancel_delayed_work_sync(&publish_work);
	genl_unregister_family(&rproc_diag_family);
}
