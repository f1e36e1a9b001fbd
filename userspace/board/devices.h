/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Device side of the daemon: remoteproc devices, TEE devices and the
 * remoteproc TA on the TEE bus, plus the firmware search path.
 *
 * All sysfs/udev access goes through struct dev_source, so the
 * classification logic can be tested on a fake device list; the real source
 * (dev_source_udev) uses libudev.
 */
#ifndef RPROC_DIAG_DEVICES_H
#define RPROC_DIAG_DEVICES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define DEV_MAX 32

/* One device as a source reports it (only the attributes we use). */
struct dev_raw {
	char subsystem[16];	/* "remoteproc" or "tee" */
	char sysname[80];	/* "remoteproc0", "tee0", "optee-ta-<uuid>" */
	char name[64];		/* remoteproc: name attribute */
	char state[32];		/* remoteproc: state attribute */
	char firmware[256];	/* remoteproc: firmware attribute */
	char fw_format[16];	/* remoteproc, ST kernels: fw_format */
};

enum dev_action { DEV_ADD, DEV_REMOVE, DEV_CHANGE, DEV_OTHER };

struct dev_source {
	/* Fill up to max devices of subsystems remoteproc and tee; returns n or -errno. */
	int (*enumerate)(void *ctx, struct dev_raw *out, size_t max);
	/* Monitoring (optional): fd to poll, and one event when readable. */
	int (*monitor_fd)(void *ctx);
	int (*monitor_read)(void *ctx, enum dev_action *act, struct dev_raw *dev);
	void *ctx;
};

struct dev_rproc {
	unsigned int index;	/* N of remoteprocN */
	char sysname[80];
	char name[64];
	char state[32];
	char firmware[256];
	char fw_format[16];
};

struct dev_snapshot {
	unsigned int n_rproc;
	struct dev_rproc rproc[DEV_MAX];
	unsigned int n_tee;		/* class devices tee0, teepriv0 ... */
	char tee[DEV_MAX][80];
	bool ta_present;		/* optee-ta-<RPROC_DIAG_TA_UUID> on the bus */
	unsigned int n_ta;		/* TEE bus clients (all TAs) */
};

/* Classify raw devices into a snapshot. */
void dev_collect(const struct dev_raw *raw, size_t n, struct dev_snapshot *out);
/* Enumerate through @src and classify; returns 0 or -errno. */
int dev_snapshot_take(const struct dev_source *src, struct dev_snapshot *out);
/* remoteproc by index or name (NULL if none) */
const struct dev_rproc *dev_find_rproc(const struct dev_snapshot *s, bool has_index,
				       unsigned int index, const char *name);
/* "remoteproc remoteproc0 (m33) state offline -> running", for event logs */
void dev_describe_event(enum dev_action act, const struct dev_raw *d, char *buf, size_t len);
bool dev_is_rproc_ta(const char *sysname);

/* libudev source; returns 0 or -errno (ctx freed with dev_source_udev_close). */
int dev_source_udev_open(struct dev_source *src, bool monitor);
void dev_source_udev_close(struct dev_source *src);

/*
 * Firmware search path, in the kernel's order: firmware_class.path (read
 * from @param_file, normally /sys/module/firmware_class/parameters/path),
 * /lib/firmware/updates/<release>, /lib/firmware/updates,
 * /lib/firmware/<release>, /lib/firmware.  @root prefixes every directory
 * (NULL or "" for the real file system; tests use a temporary tree).
 */
#define FW_MAX_DIRS 5
struct fw_search {
	unsigned int n;
	char dir[FW_MAX_DIRS][PATH_MAX];
};

void fw_search_init(struct fw_search *fs, const char *root, const char *release,
		    const char *param_file);
/*
 * Find @name; fills @path with the first existing regular file.  Returns 0,
 * -ENOENT if not found anywhere, -EINVAL if the name is unsafe (absolute or
 * with ".." components: rproc-diag never reads outside the search path).
 */
int fw_find(const struct fw_search *fs, const char *name, char *path, size_t len);

#endif
