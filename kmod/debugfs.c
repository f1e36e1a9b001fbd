// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only text view of the ring for tests and field engineers, without
 * the daemon:
 *
 * /sys/kernel/debug/rproc_diag/attempts
 *	One block per record, oldest first, blocks separated by an empty
 *	line.  Every line is "key: value".  Keys, in this order:
 *
 *	seq: 12				sequence number (gaps: lost records)
 *	kind: boot			boot | register | shutdown
 *	api: st				none | st | intermediate | upstream
 *	ts_start_ns: <u64>		CLOCK_REALTIME
 *	ts_end_ns: <u64>
 *	rproc_index: 0			-1 when unknown
 *	rproc_name: m33
 *	fw_name: rproc-m33-fw.elf
 *	fw_size: 1048576		0 when no LOAD was seen
 *	boot_ret: -5			"none" when the return was not seen
 *	flags: 0x00000016		RPROC_DIAG_F_* bits
 *	session: ret=0x00000000 name=SUCCESS origin=TA errno=0 id=1
 *					only when a session open was seen
 *	ta_cmd: func=LOAD_FW ret=0xffff0006 name=BAD_PARAMETERS origin=TA errno=0 duration_ns=81234
 *					one line per TA command, in call order
 *	ta_command: LOAD_FW		first failing command, else the last
 *	ta_result: 0xffff0006		its TEE result ("none" without commands)
 *	image_format: f3		the image_* keys only when the LOAD
 *	image_magic: 0x3543a468		 handler summarised the image
 *	image_tlv_len: 496
 *	image_sign_len: 256
 *	image_img_len: 1047552
 *	image_tlv_mask: 0x0003003e
 *	image_expected_size: 1048328	only if the format has an equation
 *	image_sign_type: 1		only if the TLV is present (same for
 *	image_num_img: 1		 the next three)
 *	image_bootaddr: 0x80000000
 *	image_bootsec: 0x00000000
 *	image_pkey_sha256: <64 hex digits>
 *	analysis: pending | none | done
 *	analysis_status: 0		-errno when the image could not be
 *					 fetched; only when analysis is done
 *	finding: code=9 index=1 addr=0x80100000 value=0 text=<one line>
 *					one line per finding
 *
 * /sys/kernel/debug/rproc_diag/hooks
 *	One line per hook: "<role> <symbol> attached=<0|1> error=<errno>
 *	hits=<n> missed=<n>".
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include "record.h"
#include "hooks.h"
#include "tee_codes.h"
#include "debugfs.h"

static struct dentry *dir;

static void *attempts_start(struct seq_file *m, loff_t *pos)
{
	struct rproc_diag_counters c;
	u64 seq;

	rproc_diag_counters_get(rproc_diag_st, &c);
	seq = max_t(u64, *pos, c.first_seq);
	for (; seq < c.next_seq; seq++) {
		if (!rproc_diag_ring_get(rproc_diag_st, seq, m->private)) {
			*pos = seq;
			return m->private;
		}
	}
	*pos = seq;
	return NULL;
}

static void *attempts_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return attempts_start(m, pos);
}

static void attempts_stop(struct seq_file *m, void *v)
{
}

static const struct rproc_diag_ta_cmd_rec *
headline_cmd(const struct rproc_diag_record *rec)
{
	unsigned int i;

	for (i = 0; i < rec->n_cmds; i++)
		if (rec->cmds[i].ret || rec->cmds[i].err)
			return &rec->cmds[i];
	return rec->n_cmds ? &rec->cmds[rec->n_cmds - 1] : NULL;
}

static void show_image(struct seq_file *m, const struct rproc_diag_image_rec *img)
{
	seq_printf(m, "image_format: %s\n", rproc_diag_format_name(img->format));
	seq_printf(m, "image_magic: 0x%08x\n", img->magic);
	seq_printf(m, "image_tlv_len: %u\n", img->tlv_len);
	seq_printf(m, "image_sign_len: %u\n", img->sign_len);
	seq_printf(m, "image_img_len: %u\n", img->img_len);
	seq_printf(m, "image_tlv_mask: 0x%08x\n", img->tlv_mask);
	if (img->present & RPROC_DIAG_IMG_EXPECTED)
		seq_printf(m, "image_expected_size: %llu\n", img->expected_size);
	if (img->present & RPROC_DIAG_IMG_SIGN_TYPE)
		seq_printf(m, "image_sign_type: %u\n", img->sign_type);
	if (img->present & RPROC_DIAG_IMG_NUM_IMG)
		seq_printf(m, "image_num_img: %u\n", img->num_img);
	if (img->present & RPROC_DIAG_IMG_BOOTADDR)
		seq_printf(m, "image_bootaddr: 0x%08x\n", img->bootaddr);
	if (img->present & RPROC_DIAG_IMG_BOOTSEC)
		seq_printf(m, "image_bootsec: 0x%08x\n", img->bootsec);
	if (img->present & RPROC_DIAG_IMG_PKEY)
		seq_printf(m, "image_pkey_sha256: %*phN\n",
			   (int)sizeof(img->pkey_sha256), img->pkey_sha256);
}

static void show_analysis(struct seq_file *m,
			  const struct rproc_diag_record *rec)
{
	const struct rproc_diag_analysis_rec *an = &rec->analysis;
	unsigned int i;

	if (!an->done) {
		seq_printf(m, "analysis: %s\n",
			   rec->flags & RPROC_DIAG_F_ANALYSIS_PENDING ?
			   "pending" : "none");
		return;
	}
	seq_puts(m, "analysis: done\n");
	seq_printf(m, "analysis_status: %d\n", an->status);
	for (i = 0; i < an->n_findings && i < RPROC_DIAG_MAX_FINDINGS; i++)
		seq_printf(m, "finding: code=%u index=%u addr=0x%08x value=%lld text=%s\n",
			   an->findings[i].code, an->findings[i].index,
			   an->findings[i].addr, an->findings[i].value,
			   an->findings[i].text);
}

static int attempts_show(struct seq_file *m, void *v)
{
	const struct rproc_diag_record *rec = v;
	const struct rproc_diag_ta_cmd_rec *c;
	unsigned int i;

	seq_printf(m, "seq: %llu\n", rec->seq);
	seq_printf(m, "kind: %s\n", rproc_diag_kind_name(rec->kind));
	seq_printf(m, "api: %s\n", rproc_diag_api_name(rec->api));
	seq_printf(m, "ts_start_ns: %llu\n", rec->ts_start);
	seq_printf(m, "ts_end_ns: %llu\n", rec->ts_end);
	seq_printf(m, "rproc_index: %d\n", rec->rproc_index);
	seq_printf(m, "rproc_name: %s\n", rec->rproc_name);
	seq_printf(m, "fw_name: %s\n", rec->fw_name);
	seq_printf(m, "fw_size: %llu\n", rec->fw_size);
	if (rec->flags & RPROC_DIAG_F_BOOT_RET_VALID)
		seq_printf(m, "boot_ret: %d\n", rec->boot_ret);
	else
		seq_puts(m, "boot_ret: none\n");
	seq_printf(m, "flags: 0x%08x\n", rec->flags);
	if (rec->session.valid)
		seq_printf(m, "session: ret=0x%08x name=%s origin=%s errno=%d id=%u\n",
			   rec->session.ret,
			   rproc_diag_tee_ret_name(rec->session.ret),
			   rproc_diag_tee_origin_name(rec->session.origin),
			   rec->session.err, rec->session.id);
	for (i = 0; i < rec->n_cmds; i++) {
		c = &rec->cmds[i];
		seq_printf(m, "ta_cmd: func=%s ret=0x%08x name=%s origin=%s errno=%d duration_ns=%llu\n",
			   rproc_diag_ta_cmd_name(c->func), c->ret,
			   rproc_diag_tee_ret_name(c->ret),
			   rproc_diag_tee_origin_name(c->origin), c->err,
			   c->duration_ns);
	}
	c = headline_cmd(rec);
	if (c) {
		seq_printf(m, "ta_command: %s\n", rproc_diag_ta_cmd_name(c->func));
		seq_printf(m, "ta_result: 0x%08x\n", c->ret);
	} else {
		seq_puts(m, "ta_command: none\nta_result: none\n");
	}
	if (rec->flags & RPROC_DIAG_F_IMAGE_VALID)
		show_image(m, &rec->image);
	show_analysis(m, rec);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations attempts_sops = {
	.start = attempts_start,
	.next = attempts_next,
	.stop = attempts_stop,
	.show = attempts_show,
};

static int attempts_open(struct inode *inode, struct file *file)
{
	return seq_open_private(file, &attempts_sops,
				sizeof(struct rproc_diag_record));
}

static const struct file_operations attempts_fops = {
	.owner = THIS_MODULE,
	.open = attempts_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release_private,
};

static int hooks_show(struct seq_file *m, void *v)
{
	struct rproc_diag_hook_info h;
	unsigned int i;

	for (i = 0; i < rproc_diag_hooks_count(); i++) {
		rproc_diag_hook_get(i, &h);
		seq_printf(m, "%s %s attached=%d error=%d hits=%llu missed=%llu\n",
			   h.role, h.symbol, h.attached, h.error, h.hits,
			   h.missed);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hooks);

void rproc_diag_debugfs_init(void)
{
	/* debugfs is optional: failures only lose the text view */
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("attempts", 0400, dir, NULL, &attempts_fops);
	debugfs_create_file("hooks", 0400, dir, NULL, &hooks_fops);
}

void rproc_diag_debugfs_exit(void)
{
	debugfs_remove_recursive(dir);
	dir = NULL;
}
