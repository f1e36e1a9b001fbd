// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * fmt_inspect(): entry point of the other-format inspection, called by
 * `rproc-diag inspect` for every file that is not an OP-TEE remoteproc
 * container or a plain ELF.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/file.h"
#include "formats/priv.h"
#include "common/json.h"

int fmt_inspect_buf(const uint8_t *buf, size_t len, const char *name, enum fmt_kind kind,
		    const struct fmt_opts *opts, struct json *j, FILE *out)
{
	struct fmt_keys *ks;
	struct rep *r;
	unsigned int i;
	int ret;

	if (kind == FMT_UNKNOWN)
		kind = fmt_detect_path(name, buf, len, len);
	r = malloc(sizeof(*r));
	ks = malloc(sizeof(*ks));
	if (!r || !ks) {
		free(r);
		free(ks);
		fprintf(stderr, "rproc-diag inspect: out of memory\n");
		return 2;
	}
	rep_init(r, j, out);
	fmt_keys_load(ks, opts);
	rep_open(r, NULL, '{', NULL);
	rep_str(r, "file", name);
	rep_str(r, "format", fmt_name(kind));
	rep_str(r, "description", fmt_describe(kind));
	rep_u64(r, "size", len);
	if (kind != FMT_OPTEE_RPROC) {
		char note[512];

		/* the question this tool usually gets: "why does the remoteproc TA refuse it?" */
		fmt_wrong_tool(kind, FMT_OPTEE_RPROC, note, sizeof(note));
		rep_str(r, "note", note);
	}
	for (i = 0; i < ks->nerr; i++)
		rep_verdict(r, "key-file", false, "%s", ks->err[i]);

	switch (kind) {
	case FMT_STM32_V1:
	case FMT_STM32_V2:
	case FMT_STM32_UNKNOWN:
		fmt_stm32_inspect(buf, len, opts, ks, r);
		break;
	case FMT_MCUBOOT:
		fmt_mcuboot_inspect(buf, len, opts, ks, r);
		break;
	default:
		fmt_other_inspect(kind, buf, len, ks, r);
		break;
	}
	rep_finish(r);
	rep_close(r, '}');
	rep_end(r);
	ret = r->status;
	fmt_keys_free(ks);
	free(ks);
	free(r);
	return ret;
}

/* The file cannot be read: say so, and keep one JSON object per file. */
static int unreadable(const char *path, const char *what, int err, struct json *j)
{
	char why[256];

	snprintf(why, sizeof(why), "%s: %s", what, file_strerror(err));
	fprintf(stderr, "rproc-diag inspect: %s `%s': %s\n", what, path, file_strerror(err));
	return rep_unreadable(j, path, why);
}

/* Files bigger than this are not signed firmware images. */
#define FMT_MAX_FILE	((uint64_t)2 << 30)

int fmt_inspect(const char *path, enum fmt_kind kind, const struct fmt_opts *opts,
		struct json *j, FILE *out)
{
	struct stat st;
	uint8_t *buf;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return unreadable(path, "cannot read", e, j);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return unreadable(path, "cannot read", S_ISDIR(st.st_mode) ? EISDIR : EINVAL, j);
	}
	/*
	 * Read, not mapped: a mapping of a file that shrinks while it is
	 * inspected faults (SIGBUS); a read comes back short and says so.
	 */
	ret = file_read_all(fd, &st, FMT_MAX_FILE, &buf);
	close(fd);
	if (ret)
		return unreadable(path, "cannot read", -ret, j);
	ret = fmt_inspect_buf(buf, (size_t)st.st_size, path, kind, opts, j, out);
	free(buf);
	return ret;
}
