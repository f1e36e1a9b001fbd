// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Device side: classification of remoteproc/TEE devices (testable on a fake
 * list), the libudev source, and the firmware search path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libudev.h>

#include "board/devices.h"
#include "rproc_diag.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

bool dev_is_rproc_ta(const char *sysname)
{
	return !strcmp(sysname, "optee-ta-" RPROC_DIAG_TA_UUID);
}

void dev_collect(const struct dev_raw *raw, size_t n, struct dev_snapshot *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct dev_raw *d = &raw[i];

		if (!strcmp(d->subsystem, "remoteproc")) {
			struct dev_rproc *r;
			unsigned int idx;
			char tail;

			if (out->n_rproc >= DEV_MAX)
				continue;
			r = &out->rproc[out->n_rproc];
			if (sscanf(d->sysname, "remoteproc%u%c", &idx, &tail) != 1)
				continue;	/* not remoteprocN: ignore */
			r->index = idx;
			copy(r->sysname, sizeof(r->sysname), d->sysname);
			copy(r->name, sizeof(r->name), d->name);
			copy(r->state, sizeof(r->state), d->state);
			copy(r->firmware, sizeof(r->firmware), d->firmware);
			copy(r->fw_format, sizeof(r->fw_format), d->fw_format);
			out->n_rproc++;
		} else if (!strcmp(d->subsystem, "tee")) {
			if (!strncmp(d->sysname, "optee-ta-", 9)) {
				out->n_ta++;
				if (dev_is_rproc_ta(d->sysname))
					out->ta_present = true;
			} else if (!strncmp(d->sysname, "tee", 3) && out->n_tee < DEV_MAX) {
				copy(out->tee[out->n_tee], sizeof(out->tee[0]), d->sysname);
				out->n_tee++;
			}
		}
	}
}

int dev_snapshot_take(const struct dev_source *src, struct dev_snapshot *out)
{
	struct dev_raw *raw;
	int n;

	raw = calloc(DEV_MAX * 2, sizeof(*raw));
	if (!raw)
		return -ENOMEM;
	n = src->enumerate(src->ctx, raw, DEV_MAX * 2);
	if (n < 0) {
		free(raw);
		memset(out, 0, sizeof(*out));
		return n;
	}
	dev_collect(raw, (size_t)n, out);
	free(raw);
	return 0;
}

const struct dev_rproc *dev_find_rproc(const struct dev_snapshot *s, bool has_index,
				       unsigned int index, const char *name)
{
	for (unsigned int i = 0; i < s->n_rproc; i++)
		if (has_index && s->rproc[i].index == index)
			return &s->rproc[i];
	if (name && name[0])
		for (unsigned int i = 0; i < s->n_rproc; i++)
			if (!strcmp(s->rproc[i].name, name))
				return &s->rproc[i];
	if (!has_index && (!name || !name[0]) && s->n_rproc == 1)
		return &s->rproc[0];
	return NULL;
}

void dev_describe_event(enum dev_action act, const struct dev_raw *d, char *buf, size_t len)
{
	static const char *const acts[] = { "added", "removed", "changed", "event" };

	if (!strcmp(d->subsystem, "remoteproc"))
		snprintf(buf, len, "%s %s (%s) %s%s%s", d->subsystem, d->sysname,
			 d->name[0] ? d->name : "?", acts[act],
			 d->state[0] ? ", state " : "", d->state);
	else if (dev_is_rproc_ta(d->sysname))
		snprintf(buf, len, "remoteproc TA %s %s on the TEE bus", d->sysname, acts[act]);
	else
		snprintf(buf, len, "%s %s %s", d->subsystem, d->sysname, acts[act]);
}

/* ------------------------------------------------------------------ */
/* libudev source                                                       */

struct udev_src {
	struct udev *udev;
	struct udev_monitor *mon;
};

static void fill_raw(struct udev_device *dev, struct dev_raw *r)
{
	const char *ss = udev_device_get_subsystem(dev);

	memset(r, 0, sizeof(*r));
	copy(r->subsystem, sizeof(r->subsystem), ss);
	copy(r->sysname, sizeof(r->sysname), udev_device_get_sysname(dev));
	if (ss && !strcmp(ss, "remoteproc")) {
		copy(r->name, sizeof(r->name), udev_device_get_sysattr_value(dev, "name"));
		copy(r->state, sizeof(r->state), udev_device_get_sysattr_value(dev, "state"));
		copy(r->firmware, sizeof(r->firmware),
		     udev_device_get_sysattr_value(dev, "firmware"));
		copy(r->fw_format, sizeof(r->fw_format),
		     udev_device_get_sysattr_value(dev, "fw_format"));
		/* sysfs values end with a newline */
		r->name[strcspn(r->name, "\n")] = '\0';
		r->state[strcspn(r->state, "\n")] = '\0';
		r->firmware[strcspn(r->firmware, "\n")] = '\0';
		r->fw_format[strcspn(r->fw_format, "\n")] = '\0';
	}
}

static int udev_enumerate_cb(void *ctx, struct dev_raw *out, size_t max)
{
	static const char *const subsystems[] = { "remoteproc", "tee" };
	struct udev_src *u = ctx;
	size_t n = 0;

	for (size_t s = 0; s < 2; s++) {
		struct udev_enumerate *e = udev_enumerate_new(u->udev);
		struct udev_list_entry *it;

		if (!e)
			return -ENOMEM;
		udev_enumerate_add_match_subsystem(e, subsystems[s]);
		if (udev_enumerate_scan_devices(e) < 0) {
			udev_enumerate_unref(e);
			continue;	/* subsystem absent: nothing to report */
		}
		udev_list_entry_foreach(it, udev_enumerate_get_list_entry(e)) {
			struct udev_device *dev;

			if (n >= max)
				break;
			dev = udev_device_new_from_syspath(u->udev, udev_list_entry_get_name(it));
			if (!dev)
				continue;
			fill_raw(dev, &out[n++]);
			udev_device_unref(dev);
		}
		udev_enumerate_unref(e);
	}
	return (int)n;
}

static int udev_monitor_fd_cb(void *ctx)
{
	struct udev_src *u = ctx;

	return u->mon ? udev_monitor_get_fd(u->mon) : -1;
}

static int udev_monitor_read_cb(void *ctx, enum dev_action *act, struct dev_raw *d)
{
	struct udev_src *u = ctx;
	struct udev_device *dev;
	const char *a;

	if (!u->mon)
		return -ENODEV;
	dev = udev_monitor_receive_device(u->mon);
	if (!dev)
		return -EAGAIN;
	a = udev_device_get_action(dev);
	*act = !a ? DEV_OTHER : !strcmp(a, "add") ? DEV_ADD : !strcmp(a, "remove") ? DEV_REMOVE :
	       !strcmp(a, "change") ? DEV_CHANGE : DEV_OTHER;
	fill_raw(dev, d);
	udev_device_unref(dev);
	return 0;
}

int dev_source_udev_open(struct dev_source *src, bool monitor)
{
	struct udev_src *u = calloc(1, sizeof(*u));

	if (!u)
		return -ENOMEM;
	u->udev = udev_new();
	if (!u->udev) {
		free(u);
		return -ENOMEM;
	}
	if (monitor) {
		/*
		 * "kernel" events need no udevd (the VM and minimal boards have
		 * none); they carry the same subsystem and action.
		 */
		u->mon = udev_monitor_new_from_netlink(u->udev, "kernel");
		if (u->mon) {
			udev_monitor_filter_add_match_subsystem_devtype(u->mon, "remoteproc", NULL);
			udev_monitor_filter_add_match_subsystem_devtype(u->mon, "tee", NULL);
			if (udev_monitor_enable_receiving(u->mon) < 0) {
				udev_monitor_unref(u->mon);
				u->mon = NULL;
			}
		}
	}
	src->enumerate = udev_enumerate_cb;
	src->monitor_fd = udev_monitor_fd_cb;
	src->monitor_read = udev_monitor_read_cb;
	src->ctx = u;
	return 0;
}

void dev_source_udev_close(struct dev_source *src)
{
	struct udev_src *u = src->ctx;

	if (!u)
		return;
	if (u->mon)
		udev_monitor_unref(u->mon);
	udev_unref(u->udev);
	free(u);
	src->ctx = NULL;
}

/* ------------------------------------------------------------------ */
/* firmware search path                                                 */

static void add_dir(struct fw_search *fs, const char *root, const char *dir)
{
	int l;

	if (fs->n >= FW_MAX_DIRS || !dir[0])
		return;
	l = snprintf(fs->dir[fs->n], sizeof(fs->dir[0]), "%s%s", root ? root : "", dir);
	if (l > 0 && (size_t)l < sizeof(fs->dir[0]))
		fs->n++;	/* a longer path cannot exist: skip it */
}

void fw_search_init(struct fw_search *fs, const char *root, const char *release,
		    const char *param_file)
{
	char buf[PATH_MAX] = "";
	char dir[PATH_MAX];
	FILE *f;

	fs->n = 0;
	if (param_file && (f = fopen(param_file, "r"))) {
		if (fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, "\n")] = '\0';
			if (buf[0])
				add_dir(fs, root, buf);
		}
		fclose(f);
	}
	if (release && release[0]) {
		if (snprintf(dir, sizeof(dir), "/lib/firmware/updates/%.200s", release) > 0)
			add_dir(fs, root, dir);
	}
	add_dir(fs, root, "/lib/firmware/updates");
	if (release && release[0]) {
		if (snprintf(dir, sizeof(dir), "/lib/firmware/%.200s", release) > 0)
			add_dir(fs, root, dir);
	}
	add_dir(fs, root, "/lib/firmware");
}

static bool unsafe_name(const char *name)
{
	const char *p = name;

	if (!name[0] || name[0] == '/')
		return true;
	while (*p) {
		size_t l = strcspn(p, "/");

		if (l == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += l;
		if (*p == '/')
			p++;
	}
	return false;
}

int fw_find(const struct fw_search *fs, const char *name, char *path, size_t len)
{
	struct stat st;

	if (!name || unsafe_name(name))
		return -EINVAL;
	for (unsigned int i = 0; i < fs->n; i++) {
		int l = snprintf(path, len, "%s/%s", fs->dir[i], name);

		if (l < 0 || (size_t)l >= len)
			continue;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	if (len)
		path[0] = '\0';
	return -ENOENT;
}
